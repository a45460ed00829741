using Assay.Durable.Runs;
using Assay.Testing;

namespace Assay.Functions.Tests.Api;

/// <summary>Variant targets (<c>ENDPOINT~MUTATION+STRATEGY</c>) in an HTTP run spec: parsed, checked, named blob-safely.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class VariantTargetSpecTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Variant_targets_carry_their_strategy_and_mutation_and_bad_ones_name_the_field()
    {
        // translate:fr rewrites prompts with a model: the generator is named in configuration, or the spec is refused.
        var settings = RunApiTests.Endpoint("local", "http://127.0.0.1:9/v1");
        settings["Mutations:Generator"] = "local";
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, settings);
        var validator = host.Get<RunSpecValidator>();
        RunSpecValidation Check(params string[] targets) =>
            validator.Validate(new RunSpec { Benchmark = "b/xstest_prompts.csv", Targets = targets, Judge = "refusal" });

        var valid = Check("local", "local+cot", "local~base64", "fr=local~translate:fr+cqot");
        Assert.True(valid.IsValid, string.Join("; ", valid.Errors.Select(e => $"{e.Field}: {e.Problem}")));
        Assert.Equal(
            [("local", "local", null, null), ("local+cot", "local", "cot", null), ("local~base64", "local", null, "base64"), ("fr", "local", "cqot", "translate:fr")],
            valid.Request!.Targets.Select(t => (t.Name, t.Endpoint, t.Strategy, t.Mutation)));

        var invalid = Check("local+tot", "local~rot13", "other+cot", "local~http://evil.example/x");
        Assert.Contains(invalid.Errors, e => e.Field == "targets[0]" && e.Problem.Contains("unknown strategy 'tot'", StringComparison.Ordinal));
        Assert.Contains(invalid.Errors, e => e.Field == "targets[1]" && e.Problem.Contains("unknown mutation 'rot13'", StringComparison.Ordinal));
        Assert.Contains(invalid.Errors, e => e.Field == "targets[2]" && e.Problem.Contains("no endpoint named 'other'", StringComparison.Ordinal));
        Assert.Contains(invalid.Errors, e => e.Field == "targets[3]" && e.Problem.Contains("unknown mutation", StringComparison.Ordinal));

        // '~', '+' and ':' all become '_' in blob names: two targets that would share a folder are refused.
        Assert.Contains(Check("local~base64", "local_base64=local").Errors, e => e.Field == "targets" && e.Problem.Contains("share the name", StringComparison.Ordinal));
    }
}
