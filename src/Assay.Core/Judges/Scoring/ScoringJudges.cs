namespace Assay.Core.Judges.Scoring;

/// <summary>
/// The no-LLM judges by metric family, as named on the command line: <c>multiple-choice</c> (accuracy),
/// <c>exact-match</c> (exact_match, normalized_match and SQuAD f1, reported together as SQuAD does),
/// <c>text-overlap</c> (rouge_l, bleu) and <c>numeric-match</c> (numeric_match).
/// </summary>
public static class ScoringJudges
{
    public const string MultipleChoice = "multiple-choice";

    public const string ExactMatch = "exact-match";

    public const string TextOverlap = "text-overlap";

    public const string NumericMatch = "numeric-match";

    public const string Consensus = "consensus";

    /// <param name="relativeTolerance">Only for <c>numeric-match</c>.</param>
    /// <exception cref="ArgumentException">Not one of the names above.</exception>
    public static ScoringCaseJudge Create(string name, double relativeTolerance = NumericMatchEvaluator.DefaultRelativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            MultipleChoice => new ScoringCaseJudge(name, [new MultipleChoiceEvaluator()]),
            ExactMatch => new ScoringCaseJudge(name, [new ExactMatchEvaluator(), new TokenF1Evaluator()]),
            TextOverlap => new ScoringCaseJudge(name, [new RougeLEvaluator(), new BleuEvaluator()]),
            NumericMatch => new ScoringCaseJudge(name, [new NumericMatchEvaluator(relativeTolerance)]),
            Consensus => new ScoringCaseJudge(name, [new ConsensusEvaluator()]),
            _ => throw new ArgumentException(
                $"Unknown scoring judge '{name}'.", nameof(name)),
        };
    }
}
