using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assay.Testing;

/// <summary>One chat request as the simulated endpoint received it on the wire.</summary>
public sealed record SimulatedChatRequest(string Path, string Model, IReadOnlyList<SimulatedMessage> Messages, double? Temperature, int? MaxTokens, string? Authorization)
{
    public long? Seed { get; init; }

    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>The body's top-level field names, as sent (to tell <c>max_tokens</c> from <c>max_completion_tokens</c>).</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>When the request arrived, for tests that check the gap a client left (Retry-After, rate limits).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The request's <c>logprobs</c> flag and <c>top_logprobs</c> count, as sent.</summary>
    public bool LogProbs { get; init; }

    public int? TopLogProbs { get; init; }

    /// <summary>The whole body as parsed, for tests that compare two clients' requests field by field.</summary>
    public JsonNode? Body { get; init; }

    /// <summary>The request's Content-Length header (null when it was sent chunked).</summary>
    public long? ContentLength { get; init; }

    /// <summary>The request's Content-Type header (servers such as vLLM's FastAPI refuse a body that is not JSON).</summary>
    public string? ContentType { get; init; }
}

public sealed record SimulatedMessage(string Role, string Content);

/// <summary>What the simulated endpoint answers: a completion text, or an HTTP status with a raw body.</summary>
public sealed record SimulatedReply(string? Content, int Status = 200, TimeSpan Delay = default, string? RawBody = null)
{
    /// <summary>Response headers, e.g. <c>Retry-After</c> or <c>retry-after-ms</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static SimulatedReply Text(string content) => new(content);

    /// <summary>
    /// The first generated token's top alternatives, returned in OpenAI's <c>logprobs.content[0].top_logprobs</c>
    /// (the content is the most likely one); null: the response carries no <c>logprobs</c>.
    /// </summary>
    public IReadOnlyList<(string Token, double LogProb)>? TopLogProbs { get; init; }

    public static SimulatedReply WithLogProbs(IReadOnlyList<(string Token, double LogProb)> alternatives) =>
        new(alternatives.MaxBy(a => a.LogProb).Token) { TopLogProbs = alternatives };

    /// <summary>Never answers: the request stays open until the client gives up (its timeout) or the server stops.</summary>
    public static SimulatedReply Hang() => new(null, Delay: Timeout.InfiniteTimeSpan);

    public static SimulatedReply TooManyRequests(TimeSpan retryAfter) => new(null, 429, RawBody: """{"error":{"message":"Rate limit reached","type":"rate_limit_exceeded"}}""")
    {
        Headers = new Dictionary<string, string> { ["retry-after-ms"] = ((int)retryAfter.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    public static SimulatedReply ServerError() => new(null, 500, RawBody: """{"error":{"message":"internal error","type":"server_error"}}""");

    /// <summary>A 200 whose body is not a chat completion.</summary>
    public static SimulatedReply Garbage() => new(null, RawBody: "{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assis");
}

/// <summary>
/// An OpenAI-compatible chat completions server on a loopback port, speaking the wire format (both
/// <c>/v1/chat/completions</c> and Azure's <c>/openai/deployments/{d}/chat/completions</c>). Tests drive Assay's
/// real clients against it and count what arrived.
/// </summary>
public sealed class SimulatedOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<SimulatedChatRequest> requests = new();
    private readonly ConcurrentQueue<long> answeredAt = new();
    private readonly ConcurrentDictionary<string, int> openByAuthorization = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Authorization, long Ticks)> answeredByAuthorization = new();
    private int calls;
    private int inFlight;
    private int peakInFlight;
    private long firstReceivedTicks;
    private long lastAnsweredTicks;

    private SimulatedOpenAIServer(WebApplication app, bool recordRequests, int maxConcurrency)
    {
        this.app = app;
        this.recordRequests = recordRequests;
        cap = maxConcurrency > 0 ? new SemaphoreSlim(maxConcurrency) : null;
    }

    // Benchmarks of 100k+ calls keep no request (memory), and may cap how many are served at once: like a real
    // endpoint's capacity, a request beyond the cap waits before its latency starts.
    private readonly bool recordRequests;
    private readonly SemaphoreSlim? cap;

    /// <summary>Base URL for OpenAI-style clients, ending in <c>/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Root URL, for Azure OpenAI clients.</summary>
    public Uri RootUrl { get; private set; } = null!;

    public int Calls => Volatile.Read(ref calls);

    public IReadOnlyCollection<SimulatedChatRequest> Requests => requests;

    /// <summary>Requests open now (arrived, not yet answered or aborted).</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>When each answer was fully written (UTC ticks), for telling what was answered just before a kill.</summary>
    public IReadOnlyCollection<long> AnsweredAt => answeredAt;

    /// <summary>
    /// Requests open now that carry this <c>Authorization</c> header: with one API key per client process, what that
    /// process has in flight at the endpoint (scale-out tests kill one of several).
    /// </summary>
    public int InFlightFor(string authorization) => openByAuthorization.GetValueOrDefault(authorization);

    /// <summary>When each answer to a request with this <c>Authorization</c> header was fully written (UTC ticks).</summary>
    public IEnumerable<long> AnsweredAtFor(string authorization) =>
        answeredByAuthorization.Where(a => a.Authorization == authorization).Select(a => a.Ticks);

    /// <summary>Called once a request's answer is fully written (the kill soak tells which request was in flight at a kill).</summary>
    public Action<SimulatedChatRequest>? Answered { get; set; }

    /// <summary>The most requests that were ever open at the same time (arrived, not yet answered or aborted).</summary>
    public int PeakInFlight => Volatile.Read(ref peakInFlight);

    /// <summary>When the first request since the start (or <see cref="ResetTimes"/>) arrived, UTC; null before any.</summary>
    public DateTimeOffset? FirstReceived => Interlocked.Read(ref firstReceivedTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>When the last answer was written, UTC: with <see cref="FirstReceived"/> a client's fixed costs can be told apart.</summary>
    public DateTimeOffset? LastAnswered => Interlocked.Read(ref lastAnsweredTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>Forgets the first and last times and the peak, so one server can measure several clients one after another.</summary>
    public void ResetTimes()
    {
        Interlocked.Exchange(ref firstReceivedTicks, 0);
        Interlocked.Exchange(ref lastAnsweredTicks, 0);
        Interlocked.Exchange(ref peakInFlight, 0);
    }

    public static Task<SimulatedOpenAIServer> StartAsync(Func<SimulatedChatRequest, SimulatedReply> handler) =>
        StartAsync(handler, recordRequests: true, maxConcurrency: 0);

    /// <summary>A server as strict as some real ones: see <see cref="StrictWire"/>. A request that breaks its rules gets a 400.</summary>
    public static async Task<SimulatedOpenAIServer> StartAsync(Func<SimulatedChatRequest, SimulatedReply> handler, StrictWire strict)
    {
        var server = await StartAsync(handler);
        server.strict = strict;
        return server;
    }

    private StrictWire? strict;

    /// <param name="recordRequests">Keep every request for <see cref="Requests"/> (tests); off for large benchmarks.</param>
    /// <param name="maxConcurrency">Requests served at once (0: no cap); the rest wait their turn.</param>
    public static async Task<SimulatedOpenAIServer> StartAsync(Func<SimulatedChatRequest, SimulatedReply> handler, bool recordRequests, int maxConcurrency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null; // any size: Kestrel's default (~28.6 MB) cut off a 40 MB case's call
        });
        var app = builder.Build();
        var server = new SimulatedOpenAIServer(app, recordRequests, maxConcurrency);
        app.MapPost("/v1/chat/completions", context => server.HandleAsync(context, handler));
        app.MapPost("/openai/deployments/{deployment}/chat/completions", context => server.HandleAsync(context, handler));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.RootUrl = address;
        server.BaseUrl = new Uri(address, "/v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        cap?.Dispose();
    }

    private async Task HandleAsync(HttpContext context, Func<SimulatedChatRequest, SimulatedReply> handler)
    {
        // Counted on arrival, before the body is read: a client that gives up while its body is still being read (a
        // 0.5 s timeout on a loaded CI machine) made an attempt all the same, and counts it.
        Interlocked.Increment(ref calls);
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var messages = body?["messages"]?.AsArray().Select(m => new SimulatedMessage(
            m?["role"]?.GetValue<string>() ?? string.Empty, ContentText(m?["content"]))).ToList() ?? [];
        var request = new SimulatedChatRequest(
            context.Request.Path,
            body?["model"]?.GetValue<string>() ?? string.Empty,
            messages,
            body?["temperature"]?.GetValue<double>(),
            (body?["max_completion_tokens"] ?? body?["max_tokens"])?.GetValue<int>(),
            context.Request.Headers.Authorization.ToString())
        {
            Seed = body?["seed"]?.GetValue<long>(),
            Stop = body?["stop"] switch
            {
                JsonArray stops => stops.Select(s => s?.GetValue<string>() ?? string.Empty).ToList(),
                JsonValue one => [one.GetValue<string>()],
                _ => [],
            },
            ReceivedAt = DateTimeOffset.UtcNow,
            LogProbs = body?["logprobs"]?.GetValue<bool>() ?? false,
            TopLogProbs = body?["top_logprobs"]?.GetValue<int>(),
            Fields = body is JsonObject fields ? [.. fields.Select(f => f.Key)] : [],
            Body = recordRequests ? body : null,
            ContentLength = context.Request.ContentLength,
            ContentType = context.Request.ContentType,
        };
        if (recordRequests)
        {
            requests.Enqueue(request);
        }

        if (strict?.Violation(request.Fields) is { } violation)
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message = violation, type = "invalid_request_error" } }));
            return;
        }

        Interlocked.CompareExchange(ref firstReceivedTicks, request.ReceivedAt.UtcTicks, 0);
        if (cap is not null)
        {
            await cap.WaitAsync(context.RequestAborted);
        }

        var now = Interlocked.Increment(ref inFlight);
        openByAuthorization.AddOrUpdate(request.Authorization ?? string.Empty, 1, (_, open) => open + 1);
        int seen;
        while ((seen = Volatile.Read(ref peakInFlight)) < now && Interlocked.CompareExchange(ref peakInFlight, now, seen) != seen)
        {
        }

        try
        {
            var reply = handler(request);
            if (reply.Delay != TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }

            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in reply.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(reply.RawBody ?? Completion(request.Model, reply.Content ?? string.Empty, reply.TopLogProbs));
            Interlocked.Exchange(ref lastAnsweredTicks, DateTime.UtcNow.Ticks);
            if (recordRequests)
            {
                answeredAt.Enqueue(DateTime.UtcNow.Ticks);
                answeredByAuthorization.Enqueue((request.Authorization ?? string.Empty, DateTime.UtcNow.Ticks));
            }

            Answered?.Invoke(request);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout): nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            openByAuthorization.AddOrUpdate(request.Authorization ?? string.Empty, 0, (_, open) => open - 1);
            cap?.Release();
        }
    }

    private static string ContentText(JsonNode? content) => content switch
    {
        null => string.Empty,
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? string.Empty)),
        _ => content.ToJsonString(),
    };

    private static string Completion(string model, string content, IReadOnlyList<(string Token, double LogProb)>? top) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
        @object = "chat.completion",
        created = 1_700_000_000,
        model,
        choices = new[]
        {
            new
            {
                index = 0,
                message = new { role = "assistant", content },
                logprobs = top is null ? null : new
                {
                    content = new[]
                    {
                        new
                        {
                            token = content,
                            logprob = top.Where(a => a.Token == content).Select(a => a.LogProb).DefaultIfEmpty(0).First(),
                            bytes = System.Text.Encoding.UTF8.GetBytes(content).Select(b => (int)b).ToArray(),
                            top_logprobs = top.Select(a => new { token = a.Token, logprob = a.LogProb, bytes = System.Text.Encoding.UTF8.GetBytes(a.Token).Select(b => (int)b).ToArray() }).ToArray(),
                        },
                    },
                },
                finish_reason = "stop",
            },
        },
        usage = new { prompt_tokens = 10, completion_tokens = Math.Max(1, content.Length / 4), total_tokens = 10 + Math.Max(1, content.Length / 4) },
    });
}
