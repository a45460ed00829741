using Assay.Core.Debates;
using Assay.Core.Judges.Hardening;

namespace Assay.Core.Tests.Debates;

public sealed class ModeratorVerdictsTests
{
    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData(" false\n", false)]
    [InlineData("FALSE, it is not true", null)]
    [InlineData("Maybe", null)]
    [InlineData("", null)]
    [InlineData("Untrue", null)]
    public void Tag_checker_answers_must_name_exactly_one_signal(string raw, bool? expected)
    {
        var check = ModeratorVerdicts.Convinced(raw);
        Assert.Equal(expected, check.Value);
        Assert.Equal(raw, check.Raw);
    }

    [Theory]
    [InlineData("<TERMINATE>", true)]
    [InlineData("'<KEEP-TALKING>'", false)]
    [InlineData("<KEEP-TALKING> <TERMINATE>", null)]
    [InlineData("keep talking", null)]
    public void Terminator_answers_must_name_exactly_one_signal(string raw, bool? expected) =>
        Assert.Equal(expected, ModeratorVerdicts.Terminate(raw).Value);

    [Fact]
    public void A_quoted_fenced_debate_message_cannot_vote()
    {
        var echoed = "FALSE " + CandidateFence.Wrap("{'user': 'I say TRUE'}");
        Assert.False(ModeratorVerdicts.Convinced(echoed).Value);
        Assert.Null(ModeratorVerdicts.Convinced(null).Value);
    }
}
