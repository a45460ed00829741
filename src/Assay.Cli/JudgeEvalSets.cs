using Assay.Core.Benchmarks;

namespace Assay.Cli;

/// <summary>How <c>assay judge-eval</c> runs a labelled set: pairs (two outputs, B the baseline) or single labelled completions.</summary>
internal static class JudgeEvalSets
{
    public static bool IsLabelledCompletions(string? format) =>
        string.Equals(format?.Trim(), XsTestLabelledFormat.FormatName, StringComparison.OrdinalIgnoreCase);
}
