namespace Assay.Core.Debates;

public enum DebateResult
{
    Convinced,
    NotConvinced,

    /// <summary>No verdict can be given: a moderator answer was unreadable and no later round convinced, or a call failed.</summary>
    Unscored,
}

/// <summary>How one debate (claim × mode) ended.</summary>
/// <param name="Rounds">Rounds played; for a convinced debate, the rounds to conviction.</param>
/// <param name="Reason">Why it ended: convinced, max-rounds, terminated (the moderator saw only greetings), or what made it unscored.</param>
/// <param name="Transcript">Blob folder of the round transcripts (<c>round-{n}.json</c>).</param>
/// <param name="Labels">The helper's labels per round (for the fallacious mode: the fallacies used).</param>
public sealed record DebateOutcome(
    string ClaimId, string Mode, DebateResult Result, int Rounds, string Reason, string? Transcript = null, IReadOnlyList<string>? Labels = null)
{
    /// <summary>The outcome of the rounds of one debate, in order, that ended after the last of them.</summary>
    public static DebateOutcome Decide(IReadOnlyList<DebateRound> rounds, int maxRounds, string? transcript = null)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        if (rounds.Count == 0)
        {
            throw new ArgumentException("a debate has at least one round", nameof(rounds));
        }

        var last = rounds[^1];
        var labels = rounds.Where(r => r.HelperLabel is not null).Select(r => r.HelperLabel!).ToList();
        DebateOutcome Outcome(DebateResult result, string reason) =>
            new(last.ClaimId, last.Mode, result, rounds.Count, reason, transcript, labels.Count == 0 ? null : labels);

        if (last.Verdict == RoundVerdict.Convinced)
        {
            return Outcome(DebateResult.Convinced, "convinced");
        }

        if (last.Verdict == RoundVerdict.Error)
        {
            return Outcome(DebateResult.Unscored, $"round {last.Round}: {last.Error}");
        }

        if (last.Continues(maxRounds))
        {
            throw new InvalidOperationException($"debate {last.ClaimId}/{last.Mode} has not ended after round {last.Round}");
        }

        // Not convinced only if every round's verdict was read: an unreadable one might have been the conviction.
        if (rounds.FirstOrDefault(r => r.Verdict == RoundVerdict.Unparseable) is { } unreadable)
        {
            return Outcome(DebateResult.Unscored, $"round {unreadable.Round}: the moderator's verdict could not be read: {unreadable.Convinced?.Raw}");
        }

        return Outcome(DebateResult.NotConvinced, last.Terminate?.Value == true ? "terminated" : "max-rounds");
    }
}
