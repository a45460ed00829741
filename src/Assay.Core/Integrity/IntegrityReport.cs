namespace Assay.Core.Integrity;

/// <summary>The integrity section of report.json: per target facts and flags, and the canary's verdict.</summary>
/// <param name="Canary">Null when the canary has no verdict; <see cref="CanaryNote"/> then says why.</param>
public sealed record IntegrityReport(IReadOnlyList<TargetIntegrity> Targets, CanaryResult? Canary)
{
    /// <summary>Why the null canary has no verdict (the judge has no canary, the run had none, or it was never scored).</summary>
    public string? CanaryNote { get; init; }

    public IEnumerable<string> Flags => Targets.SelectMany(t => t.Flags).Concat(Canary is { Flagged: true } c ? [c.Message] : []);
}

/// <summary>How the null canary fared on the primary metric.</summary>
public sealed record CanaryResult(string Target, string Metric, double Mean, double Bar, bool Flagged, string Message);
