using System.Text.Json.Serialization;
using Assay.Core.Accounting;

namespace Assay.Core.Judges;

/// <summary>Outcome of one case for one target: the line stored per case in <c>results/{runId}/...</c>.</summary>
public sealed record CaseResult
{
    public required string CaseId { get; init; }

    public required string Target { get; init; }

    public required string Judge { get; init; }

    public string? Category { get; init; }

    public required CaseStatus Status { get; init; }

    public IReadOnlyList<MetricScore> Scores { get; init; } = [];

    /// <summary>Target or judge failure (status <see cref="CaseStatus.Error"/>).</summary>
    public string? Error { get; init; }

    /// <summary>Length of the answer in characters (all turns), kept for length analyses.</summary>
    public int AnswerLength { get; init; }

    /// <summary>
    /// <see cref="Integrity.AnswerSignals.Fingerprint"/> of the answer: equal for answers that differ only in case, digits
    /// or spacing, so constant answers can be counted without keeping the text.
    /// </summary>
    public string? AnswerFingerprint { get; init; }

    /// <summary>How the answer addresses the judge (a forged delimiter, a verdict token, an instruction), if it does.</summary>
    public string? JudgeDirected { get; init; }

    /// <summary>For a pairwise judge: the length of the baseline's answer, for the length-controlled win rate.</summary>
    public int? BaselineLength { get; init; }

    /// <summary>For a labelled judge-evaluation pair: the gold preference (a, b or tie) the verdict is scored against.</summary>
    public string? Gold { get; init; }

    /// <summary>Which sample of the case this is (0-based) when a run asks for several per case.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Repeat { get; init; }

    /// <summary>What the report breaks this case down by besides its category (case fields, trust tags).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CaseGroup>? Groups { get; init; }

    /// <summary>The endpoint calls of the target and then of the judge for this case.</summary>
    public IReadOnlyList<CallRecord>? Calls { get; init; }
}

public enum CaseStatus
{
    /// <summary>Every metric has a value.</summary>
    Scored,

    /// <summary>The judge answered but at least one metric could not be parsed.</summary>
    Unscored,

    /// <summary>The target or the judge call failed.</summary>
    Error,
}
