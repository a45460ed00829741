namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// File names that say which native format they are. Only names the benchmarks publish and nothing else uses are
/// guessed from the name alone; generic names (<c>question.jsonl</c>, <c>prompt.json</c>, <c>text_qa_train.json</c>)
/// only under a folder naming the benchmark, and AlpacaEval's <c>outputs.json</c> never: it needs <c>--format</c>.
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

        // SORRY-Bench keeps question.jsonl and question_<style>.jsonl in a sorry_bench folder.
        if (file.StartsWith("question", StringComparison.OrdinalIgnoreCase) && file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            && InFolder(normalised, "sorry"))
        {
            return SorryBenchFormat.FormatName;
        }

        // LabSafety's text_qa_train.json is generic too: only under a folder naming LabSafety.
        if (file.StartsWith("text_qa", StringComparison.OrdinalIgnoreCase) && file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            && InFolder(normalised, "labsafety"))
        {
            return LabSafetyFormat.FormatName;
        }

        // prompt.json and jailbreak-prompt.json are generic names: only under a folder naming RMCBench.
        if (file.EndsWith("prompt.json", StringComparison.OrdinalIgnoreCase) && InFolder(normalised, "rmcbench"))
        {
            return RmcBenchFormat.FormatName;
        }

        return null;
    }

    /// <summary>
    /// A folder near the file names Arena-Hard (upstream: <c>data/arena-hard-v0.1/question.jsonl</c>,
    /// <c>data/arena-hard-v0.1/model_answer/gpt-4-0314.jsonl</c>).
    /// </summary>
    public static bool IsArenaHard(string path) => InFolder(path, "arena-hard") || InFolder(path, "arena_hard");

    // The file's folder or the one above contains the marker (RMCBench: RMCBench/data/json/prompt.json is three up).
    private static bool InFolder(string path, string marker, int depth = 3) =>
        path.Replace('\\', '/').Split('/').SkipLast(1).TakeLast(depth).Any(s => s.Contains(marker, StringComparison.OrdinalIgnoreCase));
}
