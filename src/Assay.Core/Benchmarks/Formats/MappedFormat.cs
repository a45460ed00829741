using System.Runtime.CompilerServices;
using System.Text;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// Any CSV or JSONL file, with a manifest beside it that maps its fields onto a case (<see cref="FieldMapping"/>):
/// <c>cases.csv</c> is read with <c>cases.manifest.json</c>. A case without a mapped id gets its 0-based position.
/// Validation is the same as for the native formats: every error names the data file, the line and the native field.
/// </summary>
public sealed class MappedFormat : ILocatedBenchmarkFormat, ISourceRelatedFiles
{
    public const string ManifestSuffix = ".manifest.json";

    private MappedFormat(string name) => Name = name;

    public static MappedFormat Csv { get; } = new("csv");

    public static MappedFormat Jsonl { get; } = new("jsonl");

    public string Name { get; }

    public string IdField => "(mapped id)";

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    public BenchmarkManifest DefaultManifest(string sourceName) =>
        new(Name, Name, DefaultJudge: "mt-bench", BatchSize: 16);

    /// <summary><c>data/cases.csv</c> → <c>cases.manifest.json</c>.</summary>
    public static string ManifestName(string sourceName) =>
        Path.GetFileNameWithoutExtension(sourceName.Replace('\\', '/')) + ManifestSuffix;

    public IReadOnlyList<string> RelatedFilesFor(string sourceName) => [ManifestName(sourceName)];

    public IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken) =>
        LocatedCases.WithoutLines(ReadLocatedAsync(source, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var mapping = await ReadMappingAsync(source, cancellationToken).ConfigureAwait(false);
        var rows = Name == "csv"
            ? Rows(NativeRecords.CsvAsync(source, MappedColumns(mapping), cancellationToken), MappedRow.Of, cancellationToken)
            : Rows(NativeRecords.JsonlAsync(source, cancellationToken), MappedRow.Of, cancellationToken);
        var index = 0L;
        await foreach (var row in rows.ConfigureAwait(false))
        {
            yield return new LocatedCase(ToCase(mapping, row, index++), row.Line);
        }
    }

    private static EvalCase ToCase(FieldMapping map, MappedRow row, long index)
    {
        var choices = map.ChoicesField is { } field ? row.Texts(field) : map.ChoiceFields?.Select(row.Text).ToArray();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in map.Metadata)
        {
            if (row.OptionalText(name) is { } value)
            {
                metadata[name] = value;
            }
        }

        return new EvalCase
        {
            Id = map.Id is { } id ? row.Text(id) : NativeRecords.Invariant(index),
            Turns = map.Turns is { } turns ? row.Texts(turns) : [row.Text(map.Prompt!)],
            Choices = choices,
            References = map.Answer is { } answer ? [row.Text(answer)] : map.Reference is { } reference && row.Has(reference) ? row.Texts(reference) : null,
            Category = map.Category is { } category ? row.OptionalText(category) : null,
            Metadata = metadata,
        };
    }

    private static string[] MappedColumns(FieldMapping map) =>
        [.. new[] { map.Id, map.Prompt, map.Reference, map.Answer, map.Category }.OfType<string>()
            .Concat(map.ChoiceFields ?? []).Concat(map.Metadata).Distinct(StringComparer.Ordinal)];

    private async Task<FieldMapping> ReadMappingAsync(IBenchmarkSource source, CancellationToken cancellationToken)
    {
        var name = ManifestName(source.Name);
        var file = source.RelativeName(name);
        var stream = await source.OpenRelativeAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new BenchmarkFormatException(file, 0, null,
                $"missing: the {Name} format reads its field mapping from this manifest beside the data file (see docs/formats.md)");
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
            string json;
            try
            {
                json = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DecoderFallbackException ex)
            {
                throw new BenchmarkFormatException(file, 0, null, "invalid UTF-8; save the manifest as UTF-8", ex);
            }

            return FieldMapping.Parse(file, json, csv: Name == "csv");
        }
    }

    private static async IAsyncEnumerable<MappedRow> Rows<T>(
        IAsyncEnumerable<T> records, Func<T, MappedRow> wrap, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return wrap(record);
        }
    }
}
