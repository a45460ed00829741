namespace Assay.Core.Benchmarks;

/// <summary>
/// The one registry of benchmark formats: by name, and the guess from a file name when none is given. Every reader
/// lives under <c>Benchmarks/Formats/</c> (the older ones keep this namespace, so code naming them is unchanged); a new
/// format is its reader there and one entry here, and <c>--format</c> help, the run validator and the upload intake
/// read this list.
/// </summary>
public static class BenchmarkFormats
{
    public static IReadOnlyList<IBenchmarkFormat> All { get; } = [new MtBenchFormat(), new XsTestFormat(), new AssayJsonlFormat(), LabelledPairFormat.LlmBar, LabelledPairFormat.PandaLm,
        new Formats.LabSafetyFormat(), new Formats.AdvBenchFormat(),
        new Formats.AlpacaEvalFormat(), LabelledPairFormat.AlpacaEvalAnnotations,
        new Formats.ArenaHardFormat(), new Formats.SorryBenchFormat(), new Formats.RmcBenchFormat(),
        Formats.MappedFormat.Csv, Formats.MappedFormat.Jsonl,
        new XsTestLabelledFormat(), LabelledPairFormat.RewardBench, new RevalFormat(),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static IBenchmarkFormat Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"Unknown benchmark format '{name}'. Known formats: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>The format of that name, or null.</summary>
    public static IBenchmarkFormat? TryGet(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Guesses the format from a path or blob name: the file name counts, and the nearby folders only for generic
    /// names (Arena-Hard's and SORRY-Bench's <c>question.jsonl</c>, RMCBench's <c>prompt.json</c>, LabSafety's
    /// <c>text_qa_train.json</c>; see <see cref="Formats.NativeFormatNames"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No format matches; the message says to pass <c>--format</c>.</exception>
    public static IBenchmarkFormat Infer(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var file = Path.GetFileName(fileName.Replace('\\', '/').TrimEnd('/'));
        var extension = Path.GetExtension(file);

        // Native names first: Arena-Hard's question.jsonl is told from MT-Bench's by its folder.
        if (Formats.NativeFormatNames.Infer(fileName) is { } native)
        {
            return Get(native);
        }

        if (string.Equals(file, "question.jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return Get(MtBenchFormat.FormatName);
        }

        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase)
            && file.Contains("xstest", StringComparison.OrdinalIgnoreCase))
        {
            return Get(XsTestFormat.FormatName);
        }

        if (extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return Get(AssayJsonlFormat.FormatName);
        }

        throw new ArgumentException(
            $"Cannot tell the benchmark format of '{fileName}' from its name; pass --format ({string.Join(", ", Names)}).",
            nameof(fileName));
    }
}
