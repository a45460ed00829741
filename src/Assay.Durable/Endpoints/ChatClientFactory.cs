using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// Turns a configured endpoint name into an <see cref="IChatClient"/>: accounting → one call per identical request in
/// flight → response cache → retries (each
/// attempt through the endpoint's gate: concurrency, requests and tokens per minute) → the wire client, whose own
/// retries are off. One client per endpoint per process, so the limits hold across batches and runs. Unknown names
/// fail with the list of known ones.
/// </summary>
public sealed class ChatClientFactory(
    IOptions<EndpointsOptions> options, ResponseCache? cache = null, TimeProvider? time = null, SharedLimitStore? limits = null, IOptions<LimitsOptions>? limitsOptions = null)
    : IDisposable
{
    // OpenAI-compatible servers (vLLM, TGI, Ollama) usually take no key, but the SDK insists on a credential.
    private const string NoKey = "no-key";

    // A backstop only: each attempt has its own, shorter, cancellation-based timeout in the retry layer.
    private static readonly TimeSpan NetworkBackstop = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Lazy<IChatClient>> clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentBag<EndpointGate> gates = [];
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    public IReadOnlyCollection<string> Names => options.Value.Endpoints.Keys;

    /// <summary>The configured names, sorted, for messages that tell a user what exists ("none" when nothing does).</summary>
    public string KnownNames => Names.Count == 0 ? "none" : string.Join(", ", Names.Order());

    public bool IsConfigured(string name) => options.Value.Endpoints.ContainsKey(name);

    public IChatClient Get(string name) => clients.GetOrAdd(name, n => new Lazy<IChatClient>(() => Create(n))).Value;

    /// <summary>The configured options of an endpoint, or null (prices for the report, kind checks for judges).</summary>
    public EndpointOptions? Options(string name) => options.Value.Endpoints.GetValueOrDefault(name);

    /// <summary>An endpoint's configured prices for the report's cost column, or null when it has none.</summary>
    public Assay.Core.Accounting.EndpointPrice? Price(string name) =>
        Options(name) is { } o && (o.InputPricePer1M is not null || o.OutputPricePer1M is not null)
            ? new Assay.Core.Accounting.EndpointPrice(o.InputPricePer1M ?? 0, o.OutputPricePer1M ?? 0)
            : null;

    public void Dispose()
    {
        foreach (var client in clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        foreach (var gate in gates)
        {
            gate.Dispose();
        }
    }

    private AccountingChatClient Create(string name)
    {
        if (!options.Value.Endpoints.TryGetValue(name, out var endpoint))
        {
            var known = Names.Count == 0 ? "none are configured" : "known: " + KnownNames;
            throw new UnknownEndpointException(name, $"No endpoint named '{name}' in configuration ({known}).");
        }

        var kind = endpoint.Kind!.Value;
        var model = endpoint.Model ?? kind.ToString();
        var network = TimeSpan.FromSeconds(endpoint.TimeoutSeconds) + NetworkBackstop;
        IChatClient client = kind switch
        {
            EndpointKind.ScoreHttp => new ScoreHttpChatClient(
                new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
                endpoint),
            EndpointKind.AzureOpenAI => new OpenAIWireChatClient(
                CreateAzure(endpoint, network).GetChatClient(model), model, TokenLimitField.For(endpoint), "azure.ai.openai", endpoint.BaseUrl),
            _ => new OpenAIWireChatClient(
                new OpenAIClient(
                        new ApiKeyCredential(string.IsNullOrWhiteSpace(endpoint.ApiKey) ? NoKey : endpoint.ApiKey),
                        new OpenAIClientOptions { Endpoint = endpoint.BaseUrl, NetworkTimeout = network, RetryPolicy = NoRetries() })
                    .GetChatClient(model),
                model,
                TokenLimitField.For(endpoint),
                "openai",
                endpoint.BaseUrl),
        };

        var gate = new EndpointGate(endpoint, clock, limits?.BudgetFor(endpoint, clock), limitsOptions?.Value.Instances ?? 1);
        gates.Add(gate);
        client = new RetryingChatClient(client, gate, endpoint, clock);
        var variant = kind == EndpointKind.ScoreHttp ? $"{endpoint.RequestTemplate}\n{endpoint.ScorePath}\n{endpoint.PositiveLabel}" : null;
        if (cache is { Enabled: true })
        {
            client = new CachingChatClient(client, cache, kind, endpoint.BaseUrl, model, variant);
            client = new InFlightChatClient(client, kind, endpoint.BaseUrl, model, variant);
        }

        return new AccountingChatClient(client, name);
    }

    private static AzureOpenAIClient CreateAzure(EndpointOptions endpoint, TimeSpan network)
    {
        var clientOptions = new AzureOpenAIClientOptions { NetworkTimeout = network, RetryPolicy = NoRetries() };
        return string.IsNullOrWhiteSpace(endpoint.ApiKey)
            ? new AzureOpenAIClient(endpoint.BaseUrl!, new DefaultAzureCredential(), clientOptions)
            : new AzureOpenAIClient(endpoint.BaseUrl!, new ApiKeyCredential(endpoint.ApiKey), clientOptions);
    }

    // Retries live in RetryingChatClient only; the SDK's default 3 would multiply them (and hide 429s from the gate).
    private static ClientRetryPolicy NoRetries() => new(maxRetries: 0);
}

public sealed class UnknownEndpointException(string name, string message) : InvalidOperationException(message)
{
    public string EndpointName { get; } = name;
}
