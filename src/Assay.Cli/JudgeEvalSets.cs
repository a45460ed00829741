using Assay.Core.Benchmarks;

namespace Assay.Cli;

/// <summary>How <c>assay judge-eval</c> runs a labelled set: pairs (two outputs, B the baseline) or single labelled completions.</summary>
internal static class JudgeEvalSets
{
    public static bool IsLabelledCompletions(string? format) =>
        string.Equals(format?.Trim(), XsTestLabelledFormat.FormatName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The run <c>judge-eval --set SET --format FORMAT --judge JUDGE</c> is: the pair's two outputs are the "targets" and
    /// output B is the baseline each judgement compares A with; a labelled completion set has one output, judged alone.
    /// No canary: the gold labels are the check. SET may be an LLMBar folder (every subset in one run, <see cref="LlmBarBundle"/>).
    /// </summary>
    public static LocalRunOptions RunOptions(string set, string? format, string? judge) => new()
    {
        Benchmark = set,
        BenchmarkOption = "--set",
        Format = format,
        Targets = IsLabelledCompletions(format) ? ["answer=field:answer"] : ["answer_a=field:answer_a", "answer_b=field:answer_b"],
        Baseline = IsLabelledCompletions(format) ? null : "answer_b",
        Judge = judge,
        NoCanary = true,
    };
}
