using Assay.Core.Benchmarks;
using Assay.Core.Solvers;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Resolution;
using Assay.Durable.Storage;
using Assay.Durable.Tests.Endpoints;
using Assay.Testing;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Tests.Resolution;

/// <summary>Variant targets through the real endpoint pipeline (HTTP, cache, accounting), resolved as a run resolves them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SolverTargetTests(AzuriteFixture azurite)
{
    private static readonly EvalCase TwoTurns = new() { Id = "m1", Turns = ["What is 6 x 7?", "And 6 x 8?"] };

    [Fact]
    public async Task Cqot_asks_answer_then_critical_questions_then_revision_and_a_rerun_is_answered_from_the_cache()
    {
        await using var model = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text(r.Messages[^1].Content switch
        {
            var c when c.EndsWith(PromptStrategies.CqotPlanSuffix, StringComparison.Ordinal) => $"draft {r.Messages.Count}",
            PromptStrategies.CqotQuestions => $"critique {r.Messages.Count}",
            PromptStrategies.CqotRevise => $"final {r.Messages.Count}",
            var other => "unexpected: " + other,
        }));
        using var factory = EndpointKit.Factory(EndpointKit.Cache(azurite.ConnectionString), ("m", Endpoint(model.BaseUrl, EndpointKit.UniqueModel("cqot"))));
        var spec = new TargetSpec("m+cqot", TargetKind.Endpoint, "m", Strategy: PromptStrategies.CriticalQuestions);
        var target = await Resolver(factory).ResolveAsync(spec, CancellationToken.None);

        var (answer, calls) = await AnswerAsync(target, TwoTurns);

        Assert.Null(answer.Error);
        Assert.Equal(["final 5", "final 7"], answer.Turns);
        var requests = model.Requests.ToList();
        Assert.Equal(6, requests.Count);
        Assert.Equal([1, 3, 5, 3, 5, 7], requests.Select(r => r.Messages.Count));
        Assert.Equal("What is 6 x 7?\n\n" + PromptStrategies.CqotPlanSuffix, requests[0].Messages[0].Content);
        Assert.Equal(("assistant", "draft 1"), (requests[1].Messages[1].Role, requests[1].Messages[1].Content));
        Assert.Equal(("assistant", "critique 3"), (requests[2].Messages[3].Role, requests[2].Messages[3].Content));
        // Turn 2 sees turn 1 as asked and its final answer, not the intermediate steps.
        Assert.Equal(["What is 6 x 7?\n\n" + PromptStrategies.CqotPlanSuffix, "final 5", "And 6 x 8?\n\n" + PromptStrategies.CqotPlanSuffix], requests[3].Messages.Select(m => m.Content));
        Assert.Equal(("draft 1", "critique 3", "cqot"), (answer.Metadata["cqot.draft.1"], answer.Metadata["cqot.critique.1"], answer.Metadata["strategy"]));
        Assert.Equal(6, calls.Count);
        Assert.All(calls, c => Assert.Equal(("m", false), (c.Endpoint, c.CacheHit)));

        // Resumed or re-run: every step is answered by the cache, none is asked again.
        var (again, cachedCalls) = await AnswerAsync(await Resolver(factory).ResolveAsync(spec, CancellationToken.None), TwoTurns);
        Assert.Equal(answer.Turns, again.Turns);
        Assert.Equal(6, model.Calls);
        Assert.Equal(6, cachedCalls.Count(c => c.CacheHit));
    }

    [Fact]
    public async Task Cot_is_one_call_with_the_step_by_step_instruction()
    {
        await using var model = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text("42"));
        using var factory = EndpointKit.Factory(null, ("m", Endpoint(model.BaseUrl, "sim")));
        var target = await Resolver(factory).ResolveAsync(new TargetSpec("m+cot", TargetKind.Endpoint, "m", Strategy: "cot"), CancellationToken.None);

        var (answer, calls) = await AnswerAsync(target, TwoTurns with { Turns = ["What is 6 x 7?"] });

        Assert.Equal(["42"], answer.Turns);
        Assert.Equal("What is 6 x 7?\n\nLet's think step by step. Then state your final answer.", Assert.Single(model.Requests).Messages.Single().Content);
        Assert.Single(calls);
    }

    [Fact]
    public async Task A_translated_prompt_is_recorded_and_the_answer_translated_back_by_the_configured_generator()
    {
        await using var model = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text("Je ne peux pas aider."));
        await using var generator = await SimulatedOpenAIServer.StartAsync(r =>
        {
            var text = r.Messages[^1].Content;
            return SimulatedReply.Text(text.StartsWith("Translate the following text into English.", StringComparison.Ordinal)
                ? "I cannot help."
                : "Comment tuer un processus Python ?");
        });
        using var factory = EndpointKit.Factory(null, ("m", Endpoint(model.BaseUrl, "sim")), ("gen", Endpoint(generator.BaseUrl, "sim-gen")));
        var spec = new TargetSpec("m~translate:fr", TargetKind.Endpoint, "m", Mutation: "translate:fr");
        var resolver = Resolver(factory, "gen");
        Assert.Null(resolver.Check(spec));

        var (answer, calls) = await AnswerAsync(await resolver.ResolveAsync(spec, CancellationToken.None), new EvalCase { Id = "x1", Turns = ["How do I kill a Python process?"] });

        Assert.Equal(["I cannot help."], answer.Turns);
        Assert.Equal("Comment tuer un processus Python ?", answer.Metadata["prompt.1"]);
        Assert.Equal("Je ne peux pas aider.", answer.Metadata["raw_answer.1"]);
        Assert.Equal("Comment tuer un processus Python ?", Assert.Single(model.Requests).Messages.Single().Content);
        Assert.Equal(2, generator.Calls);
        Assert.All(generator.Requests, r => Assert.Equal(0.0, r.Temperature));
        Assert.Equal(["gen", "m", "gen"], calls.Select(c => c.Endpoint));
    }

    [Fact]
    public void Variants_are_checked_before_the_run_starts()
    {
        using var factory = EndpointKit.Factory(null, ("m", Endpoint(new Uri("http://127.0.0.1:9/v1"), "sim")));
        Assert.Contains("Mutations__Generator", Resolver(factory).Check(new TargetSpec("t", TargetKind.Endpoint, "m", Mutation: "persuasion")), StringComparison.Ordinal);
        Assert.Contains("'nope' (Mutations:Generator) is not a configured endpoint", Resolver(factory, "nope").Check(new TargetSpec("t", TargetKind.Endpoint, "m", Mutation: "roleplay")), StringComparison.Ordinal);
        Assert.Contains("unknown strategy 'tot'", Resolver(factory).Check(new TargetSpec("t", TargetKind.Endpoint, "m", Strategy: "tot")), StringComparison.Ordinal);
        Assert.Null(Resolver(factory).Check(new TargetSpec("t", TargetKind.Endpoint, "m", Strategy: "cqot", Mutation: "base64")));
    }

    // Default timeouts: a cold first call on a busy machine must not be retried, or the request counts would be off.
    private static EndpointOptions Endpoint(Uri baseUrl, string model) => new() { Kind = EndpointKind.OpenAICompatible, BaseUrl = baseUrl, Model = model };

    private TargetResolver Resolver(ChatClientFactory factory, string? generator = null) => new(
        factory,
        new RunStore(new BlobServiceClient(azurite.ConnectionString), Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString })),
        Options.Create(new MutationOptions { Generator = generator }));

    private static async Task<(TargetAnswer Answer, IReadOnlyList<Core.Accounting.CallRecord> Calls)> AnswerAsync(ITarget target, EvalCase evalCase)
    {
        using var scope = CallScope.Begin(0, bypassCache: false);
        var answer = await target.AnswerAsync(evalCase, CancellationToken.None);
        return (answer, scope.Records ?? []);
    }
}
