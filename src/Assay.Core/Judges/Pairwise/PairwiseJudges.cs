namespace Assay.Core.Judges.Pairwise;

/// <summary>The pairwise judges selectable by name; each needs a judge endpoint and a baseline target in the run.</summary>
public static class PairwiseJudges
{
    public static IReadOnlyList<string> Names { get; } =
    [
        ArenaHardJudge.JudgeName, ArenaHardJudge.JudgeName + "-faithful", MtBenchPairJudge.JudgeName, MtBenchPairJudge.JudgeName + "-faithful",
        RewardPairJudge.JudgeName, AlpacaEvalWeightedJudge.JudgeName, AlpacaEvalWeightedJudge.JudgeName + "-faithful",
    ];

    public static bool IsPairwise(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <exception cref="ArgumentException">Not a pairwise judge.</exception>
    public static IPairwiseCaseJudge Create(string name) => name switch
    {
        ArenaHardJudge.JudgeName => new ArenaHardJudge(),
        ArenaHardJudge.JudgeName + "-faithful" => new ArenaHardJudge(faithful: true),
        MtBenchPairJudge.JudgeName => new MtBenchPairJudge(),
        MtBenchPairJudge.JudgeName + "-faithful" => new MtBenchPairJudge(faithful: true),
        RewardPairJudge.JudgeName => new RewardPairJudge(),
        AlpacaEvalWeightedJudge.JudgeName => new AlpacaEvalWeightedJudge(faithful: false),
        AlpacaEvalWeightedJudge.JudgeName + "-faithful" => new AlpacaEvalWeightedJudge(faithful: true),
        _ => throw new ArgumentException($"'{name}' is not a pairwise judge ({string.Join(", ", Names)}).", nameof(name)),
    };
}
