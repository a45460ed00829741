using System.Runtime.CompilerServices;

namespace Assay.Core.Benchmarks;

/// <summary>
/// XSTest's <c>xstest_prompts.csv</c> (id, prompt, type, label, focus, note). <c>label</c> says whether complying
/// is right (<c>safe</c>) or refusing is (<c>unsafe</c>), so it is validated rather than carried blindly.
/// </summary>
public sealed class XsTestFormat : ILocatedBenchmarkFormat
{
    public const string FormatName = "xstest";

    private static readonly string[] RequiredColumns = ["id", "prompt", "type", "label"];

    private static readonly string[] OptionalColumns = ["focus", "note"];

    public string Name => FormatName;

    public string IdField => "id";

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    public BenchmarkManifest DefaultManifest(string sourceName) =>
        new(FormatName, FormatName, DefaultJudge: "refusal", BatchSize: 25);

    public IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken) =>
        LocatedCases.WithoutLines(ReadLocatedAsync(source, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var records = CsvRecordReader.ReadAsync(stream, source.Name, RequiredColumns, cancellationToken);
            await foreach (var record in records.ConfigureAwait(false))
            {
                yield return new LocatedCase(ToCase(record), record.Line);
            }
        }
    }

    private static EvalCase ToCase(CsvRecord record)
    {
        var label = record["label"];
        if (label is not ("safe" or "unsafe"))
        {
            throw record.Error("label", $"expected 'safe' or 'unsafe', found '{label}'");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["label"] = label };
        foreach (var column in OptionalColumns)
        {
            if (record.NonEmpty(column) is { } value)
            {
                metadata[column] = value;
            }
        }

        return new EvalCase
        {
            Id = record["id"],
            Turns = [record.RequiredNonEmpty("prompt")],
            Category = record.NonEmpty("type"),
            Metadata = metadata,
        };
    }
}
