using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// The reference answers a response is scored against. Several references are alternatives: the reference-based
/// evaluators report the best score over them (SQuAD, rouge-score and BLEU conventions).
/// </summary>
public sealed class ReferenceAnswersContext : EvaluationContext
{
    public const string ContextName = "Reference answers";

    public ReferenceAnswersContext(IReadOnlyList<string> references)
        : base(ContextName, [.. (references ?? throw new ArgumentNullException(nameof(references))).Select(r => (AIContent)new TextContent(r))])
    {
        References = references;
    }

    public IReadOnlyList<string> References { get; }
}
