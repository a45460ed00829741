using System.Text;
using Assay.Core.Benchmarks;
using Assay.Core.Statistics;

namespace Assay.Core.Tests.Statistics;

/// <summary>AlpacaEval's LC v1 data files as <see cref="LengthControlV1Inputs"/> reads them (layout of glm_winrate.py).</summary>
public sealed class LengthControlV1InputsTests
{
    [Fact]
    public async Task Pandas_layout_is_read_extra_columns_ignored_and_rows_without_a_preference_skipped()
    {
        var inputs = await Read(
            ",instruction_difficulty\n0,0.8334888457867451\n1,-1.5\n",
            "model,index,preference,std_delta_len,instruction_difficulty,not_gamed_baseline\n"
            + "gpt4_1106_preview_verbose,0,0.25,-1.2,0.83,False\ngpt4_1106_preview_concise,0,,0.4,0.83,False\n\"a,b\",1,1,0.5,-1.5,False\n");

        Assert.Equal(new Dictionary<long, double> { [0] = 0.8334888457867451, [1] = -1.5 }, inputs.DifficultyByIndex);
        Assert.Equal([new(-1.2, 0.83, 0.25), new(0.5, -1.5, 1)], inputs.Gamed);
        Assert.Equal("length_controlled_v1", inputs.Formula);
        Assert.Equal("length_controlled_v1 (no gamed-baseline regularisation)", (await Read("index,instruction_difficulty\n0,1\n", null)).Formula);
    }

    [Theory]
    [InlineData("index,instruction_difficulty\n0,1\n0,2\n", "d.csv:3: field 'index': instruction index 0 appears twice")]
    [InlineData("index,instruction_difficulty\n0,NaN\n", "d.csv:2: field 'instruction_difficulty': 'NaN' is not a finite number")]
    [InlineData("index,instruction_difficulty,x\n0,1,2\n", "d.csv:2: expected 2 columns")]
    [InlineData("index,difficulty\n0,1\n", "d.csv:1: field 'instruction_difficulty': missing column in the header")]
    [InlineData("index,instruction_difficulty\n", "d.csv:1: no instruction difficulty in the file")]
    public async Task A_bad_difficulty_file_names_file_line_and_field(string text, string expected)
    {
        var error = await Assert.ThrowsAsync<BenchmarkFormatException>(() => Read(text, null));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    private static Task<LengthControlV1Inputs> Read(string difficulty, string? gamed) =>
        LengthControlV1Inputs.ReadAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(difficulty)), "d.csv", gamed is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(gamed)), "g.csv");
}
