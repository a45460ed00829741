using Assay.Core.Debates;

namespace Assay.Durable.Contracts;

/// <summary>A LOGICOM debate run: every claim (the first <paramref name="Limit"/>) debated once per mode.</summary>
/// <param name="ClaimsBlob">The claims CSV in the benchmarks container.</param>
/// <param name="ClaimsFile">The file name, for the report.</param>
/// <param name="MaxInFlight">Debates in progress at once.</param>
public sealed record DebateRunRequest(
    string RunId,
    string ClaimsBlob,
    string ClaimsFile,
    IReadOnlyList<string> Modes,
    int MaxRounds,
    DebateEndpoints Endpoints,
    int? Limit = null,
    int MaxInFlight = 4,
    bool NoCache = false);

public sealed record DebatePlanRequest(string RunId, string ClaimsBlob, int? Limit);

/// <summary>The claims to debate; each is stored as <c>DebateBlobNames.Claim</c>.</summary>
public sealed record DebatePlanResult(IReadOnlyList<string> ClaimIds);

/// <summary>One debate: a claim argued in one mode for at most <paramref name="MaxRounds"/> rounds.</summary>
public sealed record DebateRequest(string RunId, string ClaimId, string Mode, int MaxRounds, DebateEndpoints Endpoints, bool NoCache = false);

/// <summary>How a debate ended, in few bytes: its transcript is in blobs.</summary>
public sealed record DebateSummary(string ClaimId, string Mode, int Rounds, RoundVerdict LastVerdict);

public sealed record DebateRoundRequest(string RunId, string ClaimId, string Mode, int Round, DebateEndpoints Endpoints, bool NoCache = false);

/// <param name="Continues">Whether the debate goes on to another round (the round's own decision, capped by max rounds).</param>
/// <param name="Reused">The transcript blob existed: nothing was called.</param>
public sealed record DebateRoundResult(int Round, string Blob, RoundVerdict Verdict, bool Terminate, bool Reused);

public sealed record DebateAggregateRequest(
    string RunId, string ClaimsFile, IReadOnlyList<string> Modes, int MaxRounds, DebateEndpoints Endpoints, DateTimeOffset CreatedAt);

/// <summary>Where the report is and the convinced rate per mode.</summary>
public sealed record DebateRunResult(string RunId, int Debates, string ReportJsonBlob, string ReportMarkdownBlob, IReadOnlyList<DebateModeSummary> Modes);

/// <summary>Custom status of a debate run.</summary>
public sealed record DebateProgress(string Phase, int Debates, int Finished, RunFailure? Failure = null);
