using Assay.Durable.Endpoints;
using Assay.Testing;
using Microsoft.Extensions.AI;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>
/// Concurrent identical requests through Assay's real endpoint pipeline (accounting, in-flight de-duplication, cache,
/// retries, the OpenAI client) against an endpoint simulated over HTTP: one call reaches it, every caller gets the
/// answer, and accounting counts the others as cache hits.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class InFlightTests(AzuriteFixture azurite)
{
    private const int Callers = 29;

    [Fact]
    public async Task Concurrent_identical_requests_reach_the_endpoint_once()
    {
        // The answer takes long enough that every caller arrives while the first call is still in flight.
        await using var server = await SimulatedOpenAIServer.StartAsync(r => new SimulatedReply("back: " + r.Messages[^1].Content, Delay: TimeSpan.FromMilliseconds(400)));
        using var factory = EndpointKit.Factory(EndpointKit.Cache(azurite.ConnectionString), ("m", Endpoint(server)));
        var client = factory.Get("m");

        // Each caller runs synchronously up to its first await, so all of them ask before the first answer is back.
        var answers = await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            using var scope = CallScope.Begin(0, bypassCache: false);
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "translate this back")]);
            return (response.Text, Record: scope.Records!.Single());
        }));

        Assert.Equal(1, server.Calls);
        Assert.Equal(Callers, answers.Length);
        Assert.All(answers, a => Assert.Equal("back: translate this back", a.Text));
        Assert.Equal(Callers - 1, answers.Count(a => a.Record.CacheHit));
        Assert.Equal(1, answers.Sum(a => a.Record.Attempts));
    }

    [Fact]
    public async Task With_no_cache_every_call_is_made()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(r => new SimulatedReply("fresh", Delay: TimeSpan.FromMilliseconds(200)));
        using var factory = EndpointKit.Factory(EndpointKit.Cache(azurite.ConnectionString), ("m", Endpoint(server)));
        var client = factory.Get("m");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var scope = CallScope.Begin(0, bypassCache: true);
            await client.GetResponseAsync([new ChatMessage(ChatRole.User, "same")]);
        }));

        Assert.Equal(5, server.Calls);
    }

    [Fact]
    public async Task Different_requests_and_different_samples_are_not_merged()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(r => new SimulatedReply("ok " + r.Messages[^1].Content, Delay: TimeSpan.FromMilliseconds(200)));
        using var factory = EndpointKit.Factory(EndpointKit.Cache(azurite.ConnectionString), ("m", Endpoint(server)));
        var client = factory.Get("m");

        await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            using var scope = CallScope.Begin(repeat: i % 2, bypassCache: false);
            await client.GetResponseAsync([new ChatMessage(ChatRole.User, $"question {i % 3}")]);
        }));

        Assert.Equal(6, server.Calls); // 3 prompts x 2 samples
    }

    [Fact]
    public async Task A_failed_call_fails_every_waiter_and_the_next_request_tries_again()
    {
        var fail = 1;
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => Interlocked.Exchange(ref fail, 0) == 1
            ? new SimulatedReply(null, 400, TimeSpan.FromMilliseconds(300), """{"error":{"message":"bad request","type":"invalid_request_error"}}""")
            : SimulatedReply.Text("fine"));
        using var factory = EndpointKit.Factory(EndpointKit.Cache(azurite.ConnectionString), ("m", Endpoint(server)));
        var client = factory.Get("m");

        var failures = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Record.ExceptionAsync(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "same")]))));

        Assert.All(failures, Assert.NotNull);
        Assert.Equal(1, server.Calls);
        Assert.Equal("fine", (await client.GetResponseAsync([new ChatMessage(ChatRole.User, "same")])).Text);
        Assert.Equal(2, server.Calls);
    }

    [Fact]
    public async Task A_caller_that_cancels_leaves_the_shared_call_to_the_others()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply("late", Delay: TimeSpan.FromMilliseconds(600)));
        using var factory = EndpointKit.Factory(EndpointKit.Cache(azurite.ConnectionString), ("m", Endpoint(server)));
        var client = factory.Get("m");
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        var first = client.GetResponseAsync([new ChatMessage(ChatRole.User, "q")], cancellationToken: impatient.Token);
        var second = client.GetResponseAsync([new ChatMessage(ChatRole.User, "q")]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("late", (await second).Text);
        Assert.Equal(1, server.Calls);
    }

    private static EndpointOptions Endpoint(SimulatedOpenAIServer server)
    {
        var endpoint = EndpointKit.Fast(server.BaseUrl, EndpointKit.UniqueModel("inflight"));
        endpoint.TimeoutSeconds = 30;
        endpoint.MaxConcurrency = 64;
        return endpoint;
    }
}
