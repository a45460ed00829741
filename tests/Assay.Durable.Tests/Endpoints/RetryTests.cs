using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Assay.Durable.Endpoints;
using Assay.Testing;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>The one retry layer against an endpoint simulated at the HTTP level: what is retried, how long it waits, and the cause that is kept.</summary>
public sealed class RetryTests
{
    private static readonly EvalCase Case = new() { Id = "1", Turns = ["hello?"] };

    [Fact]
    public async Task A_429_is_retried_only_after_the_wait_the_endpoint_asked_for()
    {
        var retryAfter = TimeSpan.FromMilliseconds(700);
        var seen = 0;
        await using var server = await SimulatedOpenAIServer.StartAsync(_ =>
            Interlocked.Increment(ref seen) == 1 ? SimulatedReply.TooManyRequests(retryAfter) : SimulatedReply.Text("fine"));
        using var factory = EndpointKit.Factory(null, ("m", EndpointKit.Fast(server.BaseUrl, "m")));

        using var scope = CallScope.Begin(0, bypassCache: false);
        var answer = await new ChatClientTarget("m", factory.Get("m")).AnswerAsync(Case, CancellationToken.None);

        Assert.Null(answer.Error);
        Assert.Equal(["fine"], answer.Turns);
        var arrivals = server.Requests.Select(r => r.ReceivedAt).ToList();
        Assert.Equal(2, arrivals.Count);
        Assert.True(arrivals[1] - arrivals[0] >= retryAfter, $"retried after {(arrivals[1] - arrivals[0]).TotalMilliseconds} ms");
        var call = Assert.Single(scope.Records!);
        Assert.Equal((2, false, null), (call.Attempts, call.CacheHit, call.Error));
    }

    [Fact]
    public async Task A_persistent_500_makes_exactly_MaxAttempts_requests_so_no_other_layer_retries()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.ServerError());
        using var factory = EndpointKit.Factory(null, ("m", EndpointKit.Fast(server.BaseUrl, "m", maxAttempts: 3)));

        using var scope = CallScope.Begin(0, bypassCache: false);
        var answer = await new ChatClientTarget("m", factory.Get("m")).AnswerAsync(Case, CancellationToken.None);

        Assert.Equal(3, server.Calls);
        Assert.Contains("HTTP 500", answer.Error, StringComparison.Ordinal);
        Assert.Contains("3 attempts", answer.Error, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(scope.Records!).Attempts);
    }

    [Fact]
    public async Task A_400_is_not_retried()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply(null, 400, RawBody: """{"error":{"message":"bad","type":"invalid_request_error"}}"""));
        using var factory = EndpointKit.Factory(null, ("m", EndpointKit.Fast(server.BaseUrl, "m")));

        var answer = await new ChatClientTarget("m", factory.Get("m")).AnswerAsync(Case, CancellationToken.None);

        Assert.Equal(1, server.Calls);
        Assert.Contains("HTTP 400", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hanging_endpoint_times_out_per_attempt_and_the_cause_says_so()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Hang());
        using var factory = EndpointKit.Factory(null, ("m", EndpointKit.Fast(server.BaseUrl, "m", maxAttempts: 2)));

        var answer = await new ChatClientTarget("m", factory.Get("m")).AnswerAsync(Case, CancellationToken.None);

        Assert.Equal(2, server.Calls);
        Assert.Contains("timed out after 0.5 s (2 attempts)", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_200_with_a_broken_body_is_retried_and_then_kept_as_the_cause()
    {
        var seen = 0;
        await using var server = await SimulatedOpenAIServer.StartAsync(_ =>
            Interlocked.Increment(ref seen) <= 2 ? SimulatedReply.Garbage() : SimulatedReply.Text("whole"));
        // The subject is a broken body, not a timeout: at Fast's 0.5 s an attempt of a loaded CI run timed out, and its
        // retry made a fourth call.
        var ok = EndpointKit.Fast(server.BaseUrl, "m");
        var bad = EndpointKit.Fast(server.BaseUrl, "m", maxAttempts: 2);
        ok.TimeoutSeconds = bad.TimeoutSeconds = 30;
        using var factory = EndpointKit.Factory(null, ("ok", ok), ("bad", bad));

        var recovered = await new ChatClientTarget("ok", factory.Get("ok")).AnswerAsync(Case, CancellationToken.None);
        Assert.Equal(["whole"], recovered.Turns);
        Assert.Equal(3, server.Calls);

        Interlocked.Exchange(ref seen, -10);
        var failed = await new ChatClientTarget("bad", factory.Get("bad")).AnswerAsync(Case, CancellationToken.None);
        Assert.Contains("unusable response body", failed.Error, StringComparison.Ordinal);
        Assert.Contains("(2 attempts)", failed.Error, StringComparison.Ordinal);
    }
}
