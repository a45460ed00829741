using Assay.Core.Solvers;

namespace Assay.Core.Tests.Solvers;

public sealed class TargetVariantTests
{
    [Theory]
    [InlineData("gpt4", "gpt4", null, null, "gpt4")]
    [InlineData("gpt4+cot", "gpt4", null, "cot", "gpt4+cot")]
    [InlineData("gpt4+plain", "gpt4", null, null, "gpt4")]
    [InlineData("gpt4~base64", "gpt4", "base64", null, "gpt4~base64")]
    [InlineData("gpt4~translate:fr+cqot", "gpt4", "translate:fr", "cqot", "gpt4~translate:fr+cqot")]
    [InlineData("gpt4+cqot~caesar", "gpt4", "caesar", "cqot", "gpt4~caesar+cqot")]
    public void Parses_endpoint_mutation_and_strategy(string text, string endpoint, string? mutation, string? strategy, string name)
    {
        var variant = TargetVariant.Parse(text);
        Assert.Equal(new TargetVariant(endpoint, mutation, strategy), variant);
        Assert.Equal(name, variant.DefaultName);
        Assert.Null(variant.Problem());
    }

    [Fact]
    public void Unknown_parts_are_named_in_the_problem()
    {
        Assert.Contains("unknown strategy 'tot'", TargetVariant.Parse("gpt4+tot").Problem(), StringComparison.Ordinal);
        Assert.Contains("unknown mutation 'rot13'", TargetVariant.Parse("gpt4~rot13").Problem(), StringComparison.Ordinal);
    }
}
