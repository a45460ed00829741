using Assay.Core.Judges;

namespace Assay.Core.Tests.Judges;

public sealed class MtBenchVerdictTests
{
    [Theory]
    [InlineData("The answer is fine. [[7]]", 7.0)]
    [InlineData("Rating: [[8.5]]", 8.5)]
    [InlineData("Rating: [9]", 9.0)]
    [InlineData("First [[10]], later [[3]]", 10.0)]
    [InlineData("Backup only when no double: [4] then [[6]]", 6.0)]
    [InlineData("Rating: [[8.]]", 8.0)]
    [InlineData("[[1]]", 1.0)]
    public void Parses_the_rating_as_fastchat_does(string judgment, double expected)
    {
        var verdict = MtBenchVerdict.Parse(judgment);

        Assert.Equal(expected, verdict.Rating);
        Assert.Null(verdict.Problem);
    }

    [Theory]
    [InlineData("no rating here")]
    [InlineData("")]
    [InlineData("Rating: [[seven]]")]
    [InlineData("[[11]]")]
    [InlineData("[[0]]")]
    [InlineData("Rating: [[0.5]]")]
    public void Missing_or_out_of_range_ratings_leave_the_turn_unscored(string judgment)
    {
        var verdict = MtBenchVerdict.Parse(judgment);

        Assert.Null(verdict.Rating);
        Assert.NotNull(verdict.Problem);
    }
}
