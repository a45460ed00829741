namespace Assay.Core.Targets;

/// <summary>The recorded-answer formats Assay reads, by name, and the guess from a file name.</summary>
public static class RecordedAnswerFormats
{
    private static readonly IRecordedAnswerFormat[] All = [new MtBenchAnswerFormat(), new XsTestCompletionFormat(), new AlpacaEvalOutputFormat(), new ArenaHardAnswerFormat()];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static IRecordedAnswerFormat Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"Unknown recorded-answer format '{name}'. Known formats: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>
    /// *.jsonl is FastChat model answers (Arena-Hard's under a folder naming arena-hard); *.csv naming xstest or
    /// completions is XSTest completions; *.json is AlpacaEval outputs. Pass a path, not only the file name, so the
    /// folders count.
    /// </summary>
    /// <exception cref="ArgumentException">No format matches; the message says to name one.</exception>
    public static IRecordedAnswerFormat Infer(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var file = Path.GetFileName(fileName.Replace('\\', '/').TrimEnd('/'));
        var extension = Path.GetExtension(file);
        if (extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            // Arena-Hard's model_answer/*.jsonl look like FastChat's by name; its folders say arena-hard.
            return Get(Benchmarks.Formats.NativeFormatNames.IsArenaHard(fileName) ? ArenaHardAnswerFormat.FormatName : MtBenchAnswerFormat.FormatName);
        }

        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase)
            && (file.Contains("xstest", StringComparison.OrdinalIgnoreCase)
                || file.Contains("completions", StringComparison.OrdinalIgnoreCase)))
        {
            return Get(XsTestCompletionFormat.FormatName);
        }

        // AlpacaEval's outputs are the only recorded answers kept as one JSON array.
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return Get(AlpacaEvalOutputFormat.FormatName);
        }

        throw new ArgumentException(
            $"Cannot tell the recorded-answer format of '{fileName}' from its name; pass --format ({string.Join(", ", Names)}).",
            nameof(fileName));
    }
}
