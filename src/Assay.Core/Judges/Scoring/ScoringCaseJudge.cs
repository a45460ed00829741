using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// Runs no-LLM scorers on the answer to a case's last turn. References come from <see cref="EvalCase.References"/>:
/// for a one-turn case they are alternatives (best over them); for a multi-turn case, References[turn] is the
/// reference of that turn, as in MT-Bench. A multiple-choice case gives its <see cref="EvalCase.Choices"/> and its
/// gold answer References[0]. A metric without a value keeps the answer as its raw text.
/// </summary>
public sealed class ScoringCaseJudge : ICaseJudge
{
    private readonly IReadOnlyList<IEvaluator> evaluators;

    public ScoringCaseJudge(string name, IReadOnlyList<IEvaluator> evaluators)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(evaluators);
        if (evaluators.Count == 0)
        {
            throw new ArgumentException("At least one evaluator is required.", nameof(evaluators));
        }

        Name = name;
        this.evaluators = evaluators;
    }

    public string Name { get; }

    public bool RequiresModel => false;

    public IEnumerable<string> MetricNames => evaluators.SelectMany(e => e.EvaluationMetricNames);

    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer answer, ChatConfiguration? judgeModel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Error is not null)
        {
            return [];
        }

        var turn = Math.Max(evalCase.Turns.Count, 1) - 1;
        if (turn >= answer.Turns.Count)
        {
            return [.. MetricNames.Select(n => new MetricScore(n, null, $"the target gave no answer to turn {turn + 1}"))];
        }

        var text = answer.Turns[turn];
        var messages = evalCase.Turns.Select(t => new ChatMessage(ChatRole.User, t)).ToList();
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
        var context = Contexts(evalCase, turn);
        var scores = new List<MetricScore>();
        foreach (var evaluator in evaluators)
        {
            var result = await evaluator.EvaluateAsync(messages, response, judgeModel, context, cancellationToken).ConfigureAwait(false);
            foreach (var name in evaluator.EvaluationMetricNames)
            {
                var metric = result.Get<NumericMetric>(name);
                scores.Add(JudgeDiagnostics.ToMetricScore(metric, name, metric.Value is null ? text : metric.Reason));
            }
        }

        return scores;
    }

    private static List<EvaluationContext> Contexts(EvalCase evalCase, int turn)
    {
        var references = evalCase.References ?? [];
        IReadOnlyList<string> forTurn = evalCase.Turns.Count <= 1
            ? references
            : references.Count > turn ? [references[turn]] : [];
        var contexts = new List<EvaluationContext> { new ReferenceAnswersContext(forTurn) };
        if (evalCase.Choices is { } choices && references.Count > 0)
        {
            contexts.Add(new MultipleChoiceContext(choices, references[0]));
        }

        if (ConsensusContext.From(evalCase) is { } consensus)
        {
            contexts.Add(consensus);
        }

        return contexts;
    }
}
