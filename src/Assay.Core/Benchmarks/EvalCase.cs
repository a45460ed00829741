namespace Assay.Core.Benchmarks;

/// <summary>
/// One benchmark case: the unit that is answered by a target and scored by a judge.
/// Crosses the durable boundary only inside batch blobs (JSONL), never in orchestration history.
/// </summary>
public sealed record EvalCase
{
    public required string Id { get; init; }

    /// <summary>User turns, in order. Turn n is asked with the answers to turns 1..n-1 in the history.</summary>
    public required IReadOnlyList<string> Turns { get; init; }

    /// <summary>Reference answer per turn (MT-Bench math/reasoning/coding), when the benchmark has one.</summary>
    public IReadOnlyList<string>? References { get; init; }

    /// <summary>Answer options for multiple-choice tasks.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    public string? Category { get; init; }

    /// <summary>Retrieved documents of a RAG case, which the answer cites (groundedness judge).</summary>
    public IReadOnlyList<CaseDocument>? Documents { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Free metadata carried from the native file (e.g. XSTest's <c>label</c> safe/unsafe).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
