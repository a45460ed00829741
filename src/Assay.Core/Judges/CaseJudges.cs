namespace Assay.Core.Judges;

/// <summary>The judges selectable by name on the command line and in run specs.</summary>
public static class CaseJudges
{
    public static IReadOnlyList<string> Names { get; } =
        [MtBenchJudge.JudgeName, RefusalJudge.JudgeName, RewardJudge.JudgeName, AstralOracleJudge.JudgeName, .. Scoring.ScoringJudges.Names];

    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static ICaseJudge Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            MtBenchJudge.JudgeName => new MtBenchJudge(),
            RefusalJudge.JudgeName => new RefusalJudge(),
            RewardJudge.JudgeName => new RewardJudge(),
            AstralOracleJudge.JudgeName => new AstralOracleJudge(),
            _ when Scoring.ScoringJudges.Names.Contains(name, StringComparer.Ordinal) => Scoring.ScoringJudges.Create(name),
            _ => throw new ArgumentException(
                $"Unknown judge '{name}'. Known judges: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
