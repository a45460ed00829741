using Assay.Core.Judges;
using Assay.Testing;

namespace Assay.Core.Tests.Judges;

public sealed class MtBenchPromptsTests
{
    [Fact]
    public void Embedded_prompts_are_byte_identical_to_the_shared_fastchat_file()
    {
        using var stream = typeof(MtBenchPrompts).Assembly.GetManifestResourceStream(MtBenchPrompts.ResourceName);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);

        var shared = File.ReadAllBytes(Datasets.File("mt_bench", "judge_prompts.jsonl"));

        Assert.Equal(shared, copy.ToArray());
    }

    [Fact]
    public void Loads_all_eight_prompts_with_the_four_single_ones()
    {
        Assert.Equal(8, MtBenchPrompts.All.Count);
        foreach (var prompt in new[]
                 {
                     MtBenchPrompts.SingleGeneral, MtBenchPrompts.SingleMath,
                     MtBenchPrompts.SingleMultiTurn, MtBenchPrompts.SingleMathMultiTurn,
                 })
        {
            Assert.Equal("single", prompt.Type);
            Assert.Equal("[[rating]]", prompt.OutputFormat);
        }

        Assert.Equal("You are a helpful assistant.", MtBenchPrompts.SingleGeneral.SystemPrompt);
        Assert.Contains("{ref_answer_2}", MtBenchPrompts.SingleMathMultiTurn.PromptTemplate, StringComparison.Ordinal);
        Assert.True(MtBenchPrompts.SingleMultiTurn.IsMultiTurn);
        Assert.False(MtBenchPrompts.SingleMath.IsMultiTurn);
    }

    [Theory]
    [InlineData("writing", 0, true, "single-v1")]
    [InlineData("writing", 1, true, "single-v1-multi-turn")]
    [InlineData("math", 0, true, "single-math-v1")]
    [InlineData("reasoning", 1, true, "single-math-v1-multi-turn")]
    [InlineData("coding", 0, true, "single-math-v1")]
    [InlineData("arena-hard-200", 0, true, "single-math-v1")]
    [InlineData("math", 0, false, "single-v1")]
    [InlineData("math", 1, false, "single-v1-multi-turn")]
    [InlineData(null, 0, false, "single-v1")]
    public void Selects_the_prompt_fastchat_uses(string? category, int turn, bool hasReference, string expected)
    {
        Assert.Equal(expected, MtBenchPrompts.SelectSingle(category, turn, hasReference).Name);
    }
}
