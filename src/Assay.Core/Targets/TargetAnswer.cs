namespace Assay.Core.Targets;

/// <summary>A target's answers to one case, one per user turn. <see cref="Error"/> is set when it could not answer.</summary>
public sealed record TargetAnswer
{
    public required string CaseId { get; init; }

    public required string Target { get; init; }

    public IReadOnlyList<string> Turns { get; init; } = [];

    /// <summary>Why no (complete) answer exists: endpoint failure, missing recorded answer. Never a secret.</summary>
    public string? Error { get; init; }

    /// <summary>Extra facts from recorded files (e.g. XSTest's human <c>final_label</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
