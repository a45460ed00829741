using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// What <see cref="PairwiseEvaluator"/> needs beyond the candidate's response: the case (its questions, category and
/// references pick and fill the judge's prompt) and the baseline's answers to compare with, one per turn.
/// </summary>
public sealed class BaselineAnswerContext : EvaluationContext
{
    public const string ContextName = "Pairwise baseline answer";

    public BaselineAnswerContext(EvalCase evalCase, TargetAnswer baseline)
        : base(ContextName, Describe(evalCase, baseline))
    {
        EvalCase = evalCase;
        Baseline = baseline;
    }

    public EvalCase EvalCase { get; }

    public TargetAnswer Baseline { get; }

    // Stored results keep which baseline was compared with and its last answer; the case itself lives in the benchmark.
    private static AIContent[] Describe(EvalCase evalCase, TargetAnswer baseline)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(baseline);
        return [new TextContent($"case {evalCase.Id}, baseline {baseline.Target}"), new TextContent(baseline.Turns.Count > 0 ? baseline.Turns[^1] : "")];
    }
}
