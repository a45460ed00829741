using System.Text.RegularExpressions;
using Assay.Core.Judges.Hardening;

namespace Assay.Core.Debates;

/// <summary>
/// Reads the moderator's answers. LOGICOM searched for "True" anywhere (so "FALSE, not true" counted as convinced) and
/// treated anything else as not convinced; here an answer must name exactly one of the two signals, or it is
/// unreadable and recorded as such. Fenced echoes of the debate are removed first, so quoted debate text cannot vote.
/// </summary>
public static partial class ModeratorVerdicts
{
    /// <summary>The TagChecker's TRUE/FALSE.</summary>
    public static ModeratorCheck Convinced(string? raw) => Read(raw, TrueWord(), FalseWord());

    /// <summary>The terminator's &lt;TERMINATE&gt; (true) / &lt;KEEP-TALKING&gt; (false).</summary>
    public static ModeratorCheck Terminate(string? raw) => Read(raw, TerminateSignal(), KeepTalkingSignal());

    private static ModeratorCheck Read(string? raw, Regex yes, Regex no)
    {
        if (raw is null)
        {
            return new ModeratorCheck(null, null);
        }

        var own = CandidateFence.StripEchoes(raw);
        var (isYes, isNo) = (yes.IsMatch(own), no.IsMatch(own));
        return new ModeratorCheck(raw, isYes == isNo ? null : isYes);
    }

    [GeneratedRegex(@"\btrue\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrueWord();

    [GeneratedRegex(@"\bfalse\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FalseWord();

    [GeneratedRegex(@"<\s*TERMINATE\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TerminateSignal();

    [GeneratedRegex(@"<\s*KEEP-TALKING\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeepTalkingSignal();
}
