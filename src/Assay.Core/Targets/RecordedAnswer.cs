namespace Assay.Core.Targets;

/// <summary>A published answer to one case, read from a file instead of asking the model.</summary>
/// <param name="CaseId">The benchmark case id it answers (normalised to match the benchmark file).</param>
/// <param name="Turns">One answer per user turn.</param>
/// <param name="Metadata">Extra facts from the file, e.g. XSTest's human <c>final_label</c>.</param>
public sealed record RecordedAnswer(string CaseId, IReadOnlyList<string> Turns, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>1-based line the record starts on, for error messages; 0 when unknown.</summary>
    public long Line { get; init; }
}
