using Assay.Core.Accounting;

namespace Assay.Core.Debates;

/// <summary>What the moderator decided about one round.</summary>
public enum RoundVerdict
{
    /// <summary>The tag checker said the debater's message is convinced of the claim: the debate ends.</summary>
    Convinced,

    /// <summary>Not convinced; the debate goes on unless the terminator ended it or the rounds ran out.</summary>
    NotConvinced,

    /// <summary>The tag checker's answer was neither TRUE nor FALSE (or both): kept raw, never read as "not convinced".</summary>
    Unparseable,

    /// <summary>An endpoint failed after its retries, or the helper never produced a usable rewrite: the debate ends unscored.</summary>
    Error,
}

/// <summary>One moderator prompt's raw answer and what it was read as (null: unreadable).</summary>
public sealed record ModeratorCheck(string? Raw, bool? Value);

/// <summary>
/// One round of a debate as stored in its transcript blob: the persuader's message (round 1: LOGICOM's fixed opening),
/// the debater's reply, and the moderator's two checks on that reply.
/// </summary>
/// <param name="PersuaderDraft">The persuader model's own reply before the helper rewrote it (null in round 1 and without helper).</param>
/// <param name="HelperLabel">The helper's first field: the fallacy it used, or the tip it added.</param>
/// <param name="HelperArgument">The helper's second field: where the fallacy (or help) is.</param>
/// <param name="Convinced">The TagChecker prompt: is the debater convinced of the claim?</param>
/// <param name="Terminate">The terminator prompt: are they only exchanging greetings (end the debate)?</param>
public sealed record DebateRound(
    string ClaimId,
    string Mode,
    int Round,
    string? Persuader,
    string? Debater,
    RoundVerdict Verdict,
    ModeratorCheck? Convinced = null,
    ModeratorCheck? Terminate = null,
    string? PersuaderDraft = null,
    string? HelperLabel = null,
    string? HelperArgument = null,
    string? Error = null,
    IReadOnlyList<CallRecord>? Calls = null)
{
    /// <summary>Whether another round follows this one in a debate of at most <paramref name="maxRounds"/> rounds.</summary>
    public bool Continues(int maxRounds) =>
        Round < maxRounds && Verdict is RoundVerdict.NotConvinced or RoundVerdict.Unparseable && Terminate?.Value != true;
}
