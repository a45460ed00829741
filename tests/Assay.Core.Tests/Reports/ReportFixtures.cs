using Assay.Core.Judges;

namespace Assay.Core.Tests.Reports;

/// <summary>Hand-made case results: two targets, two categories, every status.</summary>
internal static class ReportFixtures
{
    public static readonly DateTimeOffset CreatedAt = new(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static IEnumerable<CaseResult> Results()
    {
        yield return Result("1", "model-a", "writing", CaseStatus.Scored, ("score", 8), ("turn1", 8));
        yield return Result("2", "model-a", "writing", CaseStatus.Scored, ("score", 6), ("turn1", 6));
        yield return Result("3", "model-a", "math", CaseStatus.Unscored, ("score", null), ("turn1", 4));
        yield return Result("1", "model|b", "writing", CaseStatus.Scored, ("score", 9), ("turn1", 9));
        yield return Result("4", "model-a", null, CaseStatus.Error);
        yield return Result("2", "model|b", "writing", CaseStatus.Scored, ("score", 7), ("turn1", 7));
    }

    public static CaseResult Result(
        string id, string target, string? category, CaseStatus status, params (string Name, double? Value)[] scores) =>
        new()
        {
            CaseId = id,
            Target = target,
            Judge = "mt-bench",
            Category = category,
            Status = status,
            Scores = scores.Select(s => new MetricScore(s.Name, s.Value)).ToList(),
            Error = status == CaseStatus.Error ? "target: timeout" : null,
        };
}
