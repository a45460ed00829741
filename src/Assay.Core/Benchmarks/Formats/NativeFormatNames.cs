namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// File names that say which native format they are. Only names the benchmarks publish and nothing else uses are
/// guessed; a generic name (LabSafety's <c>text_qa_train.json</c>, AlpacaEval's <c>outputs.json</c>) needs
/// <c>--format</c>.
/// </summary>
internal static class NativeFormatNames
{
    /// <summary>The format name, or null when the name does not tell.</summary>
    public static string? Infer(string path)
    {
        var normalised = path.Replace('\\', '/').TrimEnd('/');
        var file = Path.GetFileName(normalised);
        if (file.Equals("harmful_behaviors.csv", StringComparison.OrdinalIgnoreCase)
            || file.Equals("harmful_strings.csv", StringComparison.OrdinalIgnoreCase))
        {
            return AdvBenchFormat.FormatName;
        }

        if (file.Equals("question.jsonl", StringComparison.OrdinalIgnoreCase) && IsArenaHard(normalised))
        {
            return ArenaHardFormat.FormatName;
        }

        return null;
    }

    /// <summary>
    /// The file's folder or the one above names Arena-Hard (upstream: <c>data/arena-hard-v0.1/question.jsonl</c>,
    /// <c>data/arena-hard-v0.1/model_answer/gpt-4-0314.jsonl</c>).
    /// </summary>
    public static bool IsArenaHard(string path) =>
        path.Replace('\\', '/').Split('/').SkipLast(1).TakeLast(2).Any(s => s.Contains("arena-hard", StringComparison.OrdinalIgnoreCase)
            || s.Contains("arena_hard", StringComparison.OrdinalIgnoreCase));
}
