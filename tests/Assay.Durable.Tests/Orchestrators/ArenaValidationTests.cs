using Assay.Durable.Runs;
using Assay.Durable.Storage;
using Assay.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>An arena run spec needs a pairwise judge and no baseline; the errors name <c>options.arena</c>.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArenaValidationTests(AzuriteFixture azurite)
{
    [Fact]
    public void An_arena_with_a_pairwise_judge_and_two_targets_becomes_an_arena_run_request()
    {
        var validation = Validate(new RunSpecOptions { Arena = true }, "arena-hard:judge", "null", "refuse");

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors.Select(e => e.ToString())));
        Assert.True(validation.Request!.Arena);
        Assert.Null(validation.Request.Baseline);
    }

    [Fact]
    public void An_arena_without_a_pairwise_judge_is_an_error_naming_the_pairwise_judges()
    {
        var problem = Problem(Validate(new RunSpecOptions { Arena = true }, "refusal", "null", "refuse"));

        Assert.Contains("needs a pairwise judge (arena-hard", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_arena_with_a_baseline_is_an_error()
    {
        var problem = Problem(Validate(new RunSpecOptions { Arena = true, Baseline = "null" }, "arena-hard:judge", "null", "refuse"));

        Assert.Contains("takes no baseline ('null')", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_arena_of_one_target_is_an_error()
    {
        var problem = Problem(Validate(new RunSpecOptions { Arena = true }, "arena-hard:judge", "null"));

        Assert.Contains("at least two targets", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_rejects_the_same_requests_with_the_same_words()
    {
        Assert.Null(RunSpecValidator.ArenaProblem(pairwiseJudge: true, baseline: null, targetCount: 2));
        Assert.Contains("pairwise judge", RunSpecValidator.ArenaProblem(false, null, 3), StringComparison.Ordinal);
        Assert.Contains("no baseline", RunSpecValidator.ArenaProblem(true, "a", 3), StringComparison.Ordinal);
    }

    private RunSpecValidation Validate(RunSpecOptions options, string judge, params string[] targets)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Endpoints:judge:Kind"] = "OpenAICompatible",
            ["Endpoints:judge:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Endpoints:judge:Model"] = "j",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddAssayCore(configuration).BuildServiceProvider();
        var validator = services.GetRequiredService<RunSpecValidator>();
        return validator.Validate(new RunSpec { Benchmark = "team/cases.jsonl", Targets = targets, Judge = judge, Options = options });
    }

    private static string Problem(RunSpecValidation validation)
    {
        Assert.False(validation.IsValid);
        return Assert.Single(validation.Errors, e => e.Field == "options.arena").Problem;
    }
}
