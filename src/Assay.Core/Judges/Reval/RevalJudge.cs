using System.Text.Json;
using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Reval;

/// <summary>
/// Scores a <c>reval</c> case with no LLM and no code execution: each turn's answer against its ground truth
/// (<see cref="RevalScorer"/>), one 0/1 metric per question kind, and <c>consistency</c>, REval's incremental
/// consistency of the ordered questions. The kinds come from the case's <see cref="RevalFormat.KindsKey"/> metadata,
/// the accepted answers from <see cref="EvalCase.References"/> (a JSON array of strings per turn).
/// </summary>
public sealed class RevalJudge : ICaseJudge
{
    public const string JudgeName = "reval";

    public const string ConsistencyMetric = "consistency";

    public string Name => JudgeName;

    public bool RequiresModel => false;

    public Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer answer, ChatConfiguration? judgeModel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Error is not null)
        {
            return Task.FromResult<IReadOnlyList<MetricScore>>([]);
        }

        if (!evalCase.Metadata.TryGetValue(RevalFormat.KindsKey, out var kindList) || evalCase.References is not { } references)
        {
            return Task.FromResult<IReadOnlyList<MetricScore>>(
                [new MetricScore(ConsistencyMetric, null, $"case '{evalCase.Id}' is not a reval case (no question kinds or ground truth)")]);
        }

        var kinds = kindList.Split(',');
        var scores = new List<MetricScore>(kinds.Length + 1);
        var correct = new List<bool>(kinds.Length);
        for (var i = 0; i < kinds.Length; i++)
        {
            var metric = RevalKind.Metric(kinds[i]);
            if (i >= answer.Turns.Count)
            {
                scores.Add(new MetricScore(metric, null, $"the target gave no answer to question {i + 1}"));
                continue;
            }

            var accepted = JsonSerializer.Deserialize<string[]>(references[i]) ?? [];
            var (right, problem) = RevalScorer.Score(kinds[i], answer.Turns[i], accepted);
            correct.Add(right);
            scores.Add(new MetricScore(metric, right ? 1 : 0, problem, RevalScorer.Extract(answer.Turns[i])));
        }

        scores.Add(correct.Count == kinds.Length
            ? new MetricScore(ConsistencyMetric, RevalScorer.IncrementalConsistency(correct))
            : new MetricScore(ConsistencyMetric, null, "not every question was answered"));
        return Task.FromResult<IReadOnlyList<MetricScore>>(scores);
    }
}
