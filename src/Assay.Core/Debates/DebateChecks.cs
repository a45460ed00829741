using System.Globalization;

namespace Assay.Core.Debates;

/// <summary>
/// What a reader should check before trusting a debate report, in plain words (the debate's counterpart of
/// <see cref="Reports.ReportChecks"/>): unscored debates, failed calls, debates the terminator ended, and that the
/// moderator has no canary.
/// </summary>
public static class DebateChecks
{
    public static IEnumerable<(bool Warning, string Text)> Describe(DebateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var any = false;
        foreach (var mode in report.Modes)
        {
            if (mode.Unscored > 0)
            {
                any = true;
                yield return (true, $"{mode.Mode}: {mode.Unscored} of {mode.Debates} debates are unscored (a call failed, or the moderator's answer could not be read as TRUE or FALSE); they are left out of the convinced rate, and their transcripts say why.");
            }

            if (mode.Terminated > 0)
            {
                any = true;
                yield return (true, $"{mode.Mode}: the moderator ended {mode.Terminated} of {mode.Debates} debates early as an exchange of pleasantries; they count as not convinced.");
            }
        }

        foreach (var usage in report.Usage?.ByEndpoint.Where(u => u.Errors > 0) ?? [])
        {
            any = true;
            yield return (true, string.Create(CultureInfo.InvariantCulture, $"{usage.Name}: {usage.Errors} of {usage.Calls} calls failed after their retries."));
        }

        if (!any)
        {
            yield return (false, "Every debate was played to a verdict and no call failed.");
        }

        yield return (false, "The moderator decides conviction with LOGICOM's own prompts; a debate run has no null canary, so read a few transcripts to check that its TRUE/FALSE verdicts match the debater's words.");
    }
}
