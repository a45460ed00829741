namespace Assay.Core.Reports;

/// <summary>
/// The metric a judge is mainly read by: the one the null canary is held to and the verbosity check correlates with
/// length. Null for judges where neither makes sense (the refusal classifier is not an LLM that can be flattered).
/// </summary>
public static class PrimaryMetric
{
    public static string? ForJudge(string judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var name = judge.Split(':', 2)[0];
        return name switch
        {
            _ when name.StartsWith("mt-bench-pair", StringComparison.Ordinal) || name.StartsWith("arena-hard", StringComparison.Ordinal) => "win",
            _ when name.StartsWith("mt-bench", StringComparison.Ordinal) => "score",
            "reward" => "reward",
            "multiple-choice" => "accuracy",
            "exact-match" => "exact_match",
            "text-overlap" => "rouge_l",
            "numeric-match" => "numeric_match",
            "consensus" => "consensus_accuracy",
            // The canary of a safety oracle: a constant, content-free answer labelled unsafe means the oracle over-flags.
            "astral-oracle" => "unsafe",
            _ => null,
        };
    }
}
