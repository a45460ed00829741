namespace Assay.Core.Debates;

/// <summary>The report of a debate run (<c>debate-report.json</c>); the Markdown is rendered from it.</summary>
public sealed record DebateReport(
    string RunId,
    DateTimeOffset CreatedAt,
    string ClaimsFile,
    int Claims,
    int MaxRounds,
    DebateEndpoints Endpoints,
    IReadOnlyList<DebateModeSummary> Modes,
    IReadOnlyList<DebateDifference> Differences,
    IReadOnlyList<DebateOutcome> Debates)
{
    /// <summary>Calls, cache hits, errors, tokens, latency and cost per endpoint over every round (null: no call recorded).</summary>
    public Accounting.EndpointsSection? Usage { get; init; }
}

/// <summary>Endpoint names (never URLs or keys).</summary>
public sealed record DebateEndpoints(string Persuader, string Helper, string Debater, string Moderator);

/// <summary>
/// One persuader mode: the convinced rate over scored debates with a percentile-bootstrap CI, and the mean rounds to
/// conviction over the convinced ones (null when none was).
/// </summary>
public sealed record DebateModeSummary(
    string Mode, int Debates, int Scored, int Unscored, int Convinced, double? Rate, double? CiLow, double? CiHigh, double? MeanRoundsToConviction, int Terminated);

/// <summary>
/// <c>Mode − Baseline</c> convinced rate over the claims scored in both modes (paired: a bootstrap over claims of the
/// per-claim difference).
/// </summary>
public sealed record DebateDifference(string Mode, string Baseline, int Pairs, double? Difference, double? CiLow, double? CiHigh);
