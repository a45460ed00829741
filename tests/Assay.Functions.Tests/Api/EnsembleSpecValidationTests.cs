using Assay.Durable.Runs;
using Assay.Testing;

namespace Assay.Functions.Tests.Api;

/// <summary>A judge ensemble in a run spec is checked member by member before anything starts.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnsembleSpecValidationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Each_member_must_be_a_known_judge_on_a_configured_endpoint_named_not_addressed()
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, RunApiTests.Endpoint("guard", "http://127.0.0.1:9/v1"));
        var validator = host.Get<RunSpecValidator>();
        RunSpecValidation Check(string judge) =>
            validator.Validate(new RunSpec { Benchmark = "team/xstest_prompts.csv", Targets = ["null"], Judge = judge });

        var valid = Check("ensemble:hedge(eta=0.2,refusal,reward:guard)");
        Assert.True(valid.IsValid, string.Join("; ", valid.Errors.Select(e => e.ToString())));
        Assert.Equal("ensemble:hedge(eta=0.2,refusal,reward:guard)", valid.Request!.Judge!.ToString());

        Assert.Contains("unknown judge 'nonsense'", Message(Check("ensemble:majority(refusal,nonsense)")), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no endpoint named 'other'", Message(Check("ensemble:majority(refusal,reward:other)")), StringComparison.Ordinal);
        Assert.Contains("calls a model", Message(Check("ensemble:majority(refusal,reward)")), StringComparison.Ordinal);
        Assert.False(Check("ensemble:majority(refusal,reward:http://127.0.0.1:9/v1)").IsValid);
        Assert.Contains("needs at least two member judges", Message(Check("ensemble:majority(refusal)")), StringComparison.Ordinal);
    }

    private static string Message(RunSpecValidation validation) =>
        Assert.Single(validation.Errors, e => e.Field == "judge").Problem;
}
