using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Assay.Durable.Endpoints;
using Assay.Testing;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>Assay's real clients against an endpoint simulated at the HTTP level.</summary>
public sealed class ChatClientFactoryTests
{
    [Fact]
    public async Task An_OpenAI_compatible_target_asks_turn_two_with_turn_one_answered_in_the_history()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text($"answer {r.Messages.Count(m => m.Role == "user")}"));
        using var factory = Factory(("vllm", new EndpointOptions { Kind = EndpointKind.OpenAICompatible, BaseUrl = server.BaseUrl, Model = "llama" }));
        var target = new ChatClientTarget("vllm", factory.Get("vllm"));

        var answer = await target.AnswerAsync(new EvalCase { Id = "1", Turns = ["first?", "second?"] }, CancellationToken.None);

        Assert.Null(answer.Error);
        Assert.Equal(["answer 1", "answer 2"], answer.Turns);
        var second = server.Requests.Last();
        Assert.Equal("llama", second.Model);
        Assert.Equal(
            [new SimulatedMessage("user", "first?"), new SimulatedMessage("assistant", "answer 1"), new SimulatedMessage("user", "second?")],
            second.Messages);
    }

    [Fact]
    public async Task An_Azure_OpenAI_endpoint_posts_to_its_deployment_with_the_key_header()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"));
        using var factory = Factory(("azure", new EndpointOptions { Kind = EndpointKind.AzureOpenAI, BaseUrl = server.RootUrl, Model = "gpt-4o-deploy", ApiKey = "k" }));

        var answer = await new ChatClientTarget("azure", factory.Get("azure")).AnswerAsync(new EvalCase { Id = "1", Turns = ["hi"] }, CancellationToken.None);

        Assert.Equal(["ok"], answer.Turns);
        Assert.Equal("/openai/deployments/gpt-4o-deploy/chat/completions", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task A_failing_endpoint_becomes_the_answers_error_not_an_exception()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply(null, Status: 400, RawBody: """{"error":{"message":"bad request","type":"invalid_request_error"}}"""));
        using var factory = Factory(("bad", new EndpointOptions { Kind = EndpointKind.OpenAICompatible, BaseUrl = server.BaseUrl, Model = "m", ApiKey = "sk-secret" }));

        var answer = await new ChatClientTarget("bad", factory.Get("bad")).AnswerAsync(new EvalCase { Id = "1", Turns = ["a", "b"] }, CancellationToken.None);

        Assert.Empty(answer.Turns);
        Assert.Contains("turn 1", answer.Error, StringComparison.Ordinal);
        Assert.Contains("400", answer.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_in_flight_never_exceed_the_endpoints_MaxConcurrency()
    {
        var (current, peak) = (0, 0);
        await using var server = await SimulatedOpenAIServer.StartAsync(_ =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            Thread.Sleep(30);
            Interlocked.Decrement(ref current);
            return SimulatedReply.Text("ok");
        });
        using var factory = Factory(("gpu", new EndpointOptions { Kind = EndpointKind.OpenAICompatible, BaseUrl = server.BaseUrl, Model = "m", MaxConcurrency = 3 }));
        var target = new ChatClientTarget("gpu", factory.Get("gpu"));

        // Distinct questions: identical ones in flight at once would be one call (InFlightChatClient).
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => target.AnswerAsync(new EvalCase { Id = $"{i}", Turns = [$"q{i}"] }, CancellationToken.None)));

        Assert.Equal(24, server.Calls);
        Assert.InRange(peak, 1, 3);
    }

    [Fact]
    public void An_unknown_endpoint_is_refused_with_the_known_names()
    {
        using var factory = Factory(("b", new EndpointOptions { Kind = EndpointKind.OpenAI, Model = "m", ApiKey = "k" }), ("a", new EndpointOptions { Kind = EndpointKind.OpenAI, Model = "m", ApiKey = "k" }));

        var error = Assert.Throws<UnknownEndpointException>(() => factory.Get("c"));

        Assert.Contains("known: a, b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_options_are_validated_with_the_configuration_key_at_fault()
    {
        var problems = new EndpointOptions { Kind = EndpointKind.AzureOpenAI, MaxConcurrency = 0 }.Validate("judge").ToList();

        Assert.Contains("Endpoints:judge:Model is required (the model or deployment name).", problems);
        Assert.Contains("Endpoints:judge:BaseUrl is required for AzureOpenAI.", problems);
        Assert.Contains("Endpoints:judge:MaxConcurrency must be at least 1.", problems);
    }

    private static ChatClientFactory Factory(params (string Name, EndpointOptions Options)[] endpoints)
    {
        var options = new EndpointsOptions();
        foreach (var (name, endpoint) in endpoints)
        {
            options.Endpoints[name] = endpoint;
        }

        return new ChatClientFactory(Options.Create(options));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
