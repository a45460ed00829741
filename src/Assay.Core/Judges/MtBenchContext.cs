using Assay.Core.Benchmarks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges;

/// <summary>
/// What <see cref="MtBenchSingleEvaluator"/> needs beyond one response: the whole case (both questions, the
/// references, the category) and the target's answers to every turn, since the turn-2 prompt shows turn 1 too.
/// </summary>
public sealed class MtBenchContext : EvaluationContext
{
    public const string ContextName = "MT-Bench case";

    /// <param name="evalCase">The MT-Bench question.</param>
    /// <param name="answers">The target's answers, one per turn, at least up to <paramref name="turnIndex"/>.</param>
    /// <param name="turnIndex">0-based turn being judged.</param>
    /// <param name="faithful">Insert the answers verbatim as FastChat does, instead of fenced and neutralised.</param>
    public MtBenchContext(EvalCase evalCase, IReadOnlyList<string> answers, int turnIndex, bool faithful = false)
        : base(ContextName, Describe(evalCase, answers, turnIndex))
    {
        EvalCase = evalCase;
        Answers = answers;
        TurnIndex = turnIndex;
        Faithful = faithful;
    }

    public EvalCase EvalCase { get; }

    public IReadOnlyList<string> Answers { get; }

    public int TurnIndex { get; }

    /// <summary>Answers go into the template verbatim (FastChat's behaviour) rather than through <see cref="Hardening.CandidateFence"/>.</summary>
    public bool Faithful { get; }

    /// <summary>The references the judge prompt shows, kept as the context's content for stored results.</summary>
    private static AIContent[] Describe(EvalCase evalCase, IReadOnlyList<string> answers, int turnIndex)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentOutOfRangeException.ThrowIfNegative(turnIndex);
        var header = new TextContent(
            $"case {evalCase.Id}, turn {turnIndex + 1} of {evalCase.Turns.Count}, category {evalCase.Category ?? "none"}");
        var references = (evalCase.References ?? []).Select(r => (AIContent)new TextContent(r));
        return [header, .. references];
    }
}
