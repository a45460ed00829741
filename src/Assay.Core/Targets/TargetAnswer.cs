using System.Text.Json.Serialization;
using Assay.Core.Accounting;

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

    /// <summary>Which sample of the case this is (0-based) when a run asks for several per case.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Repeat { get; init; }

    /// <summary>The endpoint calls this answer took (none for built-in and recorded targets).</summary>
    public IReadOnlyList<CallRecord>? Calls { get; init; }
}
