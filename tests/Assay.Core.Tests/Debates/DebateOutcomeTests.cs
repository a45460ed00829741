using Assay.Core.Debates;

namespace Assay.Core.Tests.Debates;

public sealed class DebateOutcomeTests
{
    private static DebateRound Round(int n, RoundVerdict verdict, bool? terminate = false, string? label = null) =>
        new("c1", "fallacious", n, "p", "d", verdict, new ModeratorCheck(verdict.ToString(), verdict switch
        {
            RoundVerdict.Convinced => true,
            RoundVerdict.NotConvinced => false,
            _ => null,
        }), new ModeratorCheck("t", terminate), HelperLabel: label, Error: verdict == RoundVerdict.Error ? "HttpRequestException: boom" : null);

    [Fact]
    public void Convinced_in_the_last_round_counts_its_rounds_and_labels()
    {
        var outcome = DebateOutcome.Decide([Round(1, RoundVerdict.NotConvinced), Round(2, RoundVerdict.Convinced, label: "Slippery slope")], 5, "results/x/");
        Assert.Equal(new DebateOutcome("c1", "fallacious", DebateResult.Convinced, 2, "convinced", "results/x/", outcome.Labels), outcome);
        Assert.Equal(["Slippery slope"], outcome.Labels!);
    }

    [Fact]
    public void An_unreadable_verdict_is_never_read_as_not_convinced()
    {
        var outcome = DebateOutcome.Decide([Round(1, RoundVerdict.Unparseable), Round(2, RoundVerdict.NotConvinced)], 2);
        Assert.Equal(DebateResult.Unscored, outcome.Result);
        Assert.StartsWith("round 1: the moderator's verdict could not be read", outcome.Reason, StringComparison.Ordinal);

        // A later conviction still counts: the unreadable round did not end the debate.
        Assert.Equal(DebateResult.Convinced, DebateOutcome.Decide([Round(1, RoundVerdict.Unparseable), Round(2, RoundVerdict.Convinced)], 2).Result);
    }

    [Fact]
    public void Errors_terminations_and_max_rounds()
    {
        Assert.Equal((DebateResult.Unscored, "round 1: HttpRequestException: boom"), Pick(DebateOutcome.Decide([Round(1, RoundVerdict.Error)], 3)));
        Assert.Equal((DebateResult.NotConvinced, "terminated"), Pick(DebateOutcome.Decide([Round(1, RoundVerdict.NotConvinced, terminate: true)], 3)));
        Assert.Equal((DebateResult.NotConvinced, "max-rounds"), Pick(DebateOutcome.Decide([Round(1, RoundVerdict.NotConvinced), Round(2, RoundVerdict.NotConvinced)], 2)));
        Assert.Throws<InvalidOperationException>(() => DebateOutcome.Decide([Round(1, RoundVerdict.NotConvinced)], 2));
    }

    private static (DebateResult, string) Pick(DebateOutcome outcome) => (outcome.Result, outcome.Reason);
}
