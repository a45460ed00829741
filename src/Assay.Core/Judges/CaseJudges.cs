namespace Assay.Core.Judges;

/// <summary>The judges selectable by name on the command line and in run specs.</summary>
public static class CaseJudges
{
    public static IReadOnlyList<string> Names { get; } =
        [MtBenchJudge.JudgeName, RefusalJudge.JudgeName, RewardJudge.JudgeName, .. Scoring.ScoringJudges.Names,
            Safety.FulfilmentJudge.JudgeName, Safety.FulfilmentJudge.JudgeName + "-faithful", .. Safety.SafetyLabelJudge.Names,
            Safety.XsTestRefusalJudge.JudgeName, Safety.XsTestRefusalJudge.JudgeName + "-faithful",
            Reval.RevalJudge.JudgeName, Groundedness.GroundednessJudge.JudgeName, AstralOracleJudge.JudgeName];

    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static ICaseJudge Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            MtBenchJudge.JudgeName => new MtBenchJudge(),
            RefusalJudge.JudgeName => new RefusalJudge(),
            RewardJudge.JudgeName => new RewardJudge(),
            Reval.RevalJudge.JudgeName => new Reval.RevalJudge(),
            Groundedness.GroundednessJudge.JudgeName => new Groundedness.GroundednessJudge(),
            AstralOracleJudge.JudgeName => new AstralOracleJudge(),
            _ when Scoring.ScoringJudges.Names.Contains(name, StringComparer.Ordinal) => Scoring.ScoringJudges.Create(name),
            Safety.FulfilmentJudge.JudgeName => new Safety.FulfilmentJudge(),
            Safety.FulfilmentJudge.JudgeName + "-faithful" => new Safety.FulfilmentJudge(faithful: true),
            _ when Safety.SafetyLabelJudge.Names.Contains(name, StringComparer.Ordinal) => Safety.SafetyLabelJudge.Create(name),
            Safety.XsTestRefusalJudge.JudgeName => new Safety.XsTestRefusalJudge(),
            Safety.XsTestRefusalJudge.JudgeName + "-faithful" => new Safety.XsTestRefusalJudge(faithful: true),
            _ => throw new ArgumentException(
                $"Unknown judge '{name}'. Known judges: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
