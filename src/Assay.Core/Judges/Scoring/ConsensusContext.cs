using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// The label a panel agreed on for a case (metadata <c>consensus</c>) and, when the case gives one, the set of labels
/// an answer may choose from (metadata <c>labels</c>, separated by <c>|</c>, or the case's choices).
/// </summary>
public sealed class ConsensusContext : EvaluationContext
{
    public const string ContextName = "Consensus label";

    public const string ConsensusKey = "consensus";

    public const string LabelsKey = "labels";

    public ConsensusContext(string consensus, IReadOnlyList<string> labels)
        : base(ContextName, [new TextContent($"consensus: {consensus}"), new TextContent("labels: " + string.Join(" | ", labels))])
    {
        Consensus = consensus;
        Labels = labels;
    }

    public string Consensus { get; }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>The context of a case that has a consensus label; null otherwise.</summary>
    public static ConsensusContext? From(Benchmarks.EvalCase evalCase)
    {
        var consensus = evalCase.Metadata.GetValueOrDefault(ConsensusKey);
        if (string.IsNullOrWhiteSpace(consensus))
        {
            return null;
        }

        var labels = evalCase.Metadata.GetValueOrDefault(LabelsKey) is { Length: > 0 } text
            ? text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : evalCase.Choices?.ToArray() ?? [];
        return new ConsensusContext(consensus.Trim(), labels);
    }
}
