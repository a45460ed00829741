using Assay.Core.Benchmarks;
using Assay.Core.Targets;

namespace Assay.Core.Judges;

/// <summary>Builds the stored <see cref="CaseResult"/> of one case and decides its <see cref="CaseStatus"/>.</summary>
public static class CaseResultFactory
{
    /// <summary>
    /// <see cref="CaseStatus.Error"/> when the target failed or a judge call failed (retryable; <see cref="CaseResult.Error"/>
    /// says which), <see cref="CaseStatus.Unscored"/> when the judge answered but some metric has no value (or there
    /// are no metrics at all), else <see cref="CaseStatus.Scored"/>.
    /// </summary>
    public static CaseResult Create(EvalCase evalCase, TargetAnswer answer, string judge, IReadOnlyList<MetricScore> scores)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentException.ThrowIfNullOrEmpty(judge);
        ArgumentNullException.ThrowIfNull(scores);

        var error = answer.Error is { } targetError
            ? $"target: {targetError}"
            : scores.FirstOrDefault(JudgeDiagnostics.IsJudgeCallFailure) is { } failed
                ? $"judge ({failed.Name}): {FirstLine(failed.Diagnostic!)}"
                : null;
        var status = error is not null
            ? CaseStatus.Error
            : scores.Count == 0 || scores.Any(s => s.Value is null) ? CaseStatus.Unscored : CaseStatus.Scored;

        return new CaseResult
        {
            CaseId = evalCase.Id,
            Target = answer.Target,
            Judge = judge,
            Category = evalCase.Category,
            Status = status,
            Scores = scores,
            Error = error,
            AnswerLength = answer.Turns.Sum(t => t.Length),
        };
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
