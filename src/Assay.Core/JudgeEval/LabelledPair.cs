namespace Assay.Core.JudgeEval;

/// <summary>
/// One item of a judge meta-evaluation set: an instruction, two outputs, and which one humans (or the set's authors)
/// prefer. A judge is scored by how often it agrees with <see cref="Gold"/>.
/// </summary>
public sealed record LabelledPair
{
    /// <summary>Unique within the set, e.g. <c>Adversarial/Neighbor/12</c> (LLMBar) or <c>17</c> (PandaLM idx).</summary>
    public required string Id { get; init; }

    /// <summary>The part of the set it belongs to, e.g. <c>Natural</c>, <c>Adversarial/GPTInst</c>, <c>MT-Bench</c>.</summary>
    public required string Subset { get; init; }

    /// <summary>The instruction or question both outputs answer.</summary>
    public required string Instruction { get; init; }

    /// <summary>The instruction's separate input, when the set keeps one apart (PandaLM); null otherwise.</summary>
    public string? Input { get; init; }

    public required string OutputA { get; init; }

    public required string OutputB { get; init; }

    public required PairPreference Gold { get; init; }

    /// <summary>Each annotator's own label, in annotator order, when the set publishes them (PandaLM: three).</summary>
    public IReadOnlyList<PairPreference>? HumanLabels { get; init; }

    /// <summary>Other fields of the native record (PandaLM's <c>motivation_app</c>, <c>cmp_key</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
