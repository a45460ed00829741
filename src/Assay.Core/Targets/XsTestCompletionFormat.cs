using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Assay.Core.Benchmarks;

namespace Assay.Core.Targets;

/// <summary>
/// XSTest's <c>model_completions/xstest_v2_completions_&lt;model&gt;.csv</c>: one completion per prompt with two human
/// annotations and the agreed <c>final_label</c>. Completions are kept verbatim (many start with a space).
/// </summary>
public sealed partial class XsTestCompletionFormat : IRecordedAnswerFormat
{
    public const string FormatName = "xstest-completions";

    private static readonly string[] RequiredColumns = ["id", "completion"];

    private static readonly string[] MetadataColumns = ["final_label", "annotation_1", "annotation_2", "agreement"];

    public string Name => FormatName;

    public string IdField => "id";

    public async IAsyncEnumerable<RecordedAnswer> ReadAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var records = CsvRecordReader.ReadAsync(stream, source.Name, RequiredColumns, cancellationToken);
            await foreach (var record in records.ConfigureAwait(false))
            {
                var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var column in MetadataColumns)
                {
                    if (record.NonEmpty(column) is { } value)
                    {
                        metadata[column] = value;
                    }
                }

                var id = ToCaseId(record.RequiredNonEmpty("id"));
                yield return new RecordedAnswer(id, [record["completion"]], metadata) { Line = record.Line };
            }
        }
    }

    /// <summary><c>xstest_v2_completions_gpt4.csv</c> is gpt4.</summary>
    public string? ModelName(IBenchmarkSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = Path.GetFileNameWithoutExtension(source.Name.Replace('\\', '/'));
        const string marker = "completions_";
        var at = name.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
        var model = at >= 0 ? name[(at + marker.Length)..] : name;
        return string.IsNullOrEmpty(model) ? null : model;
    }

    /// <summary>
    /// Completion ids carry the XSTest version ("v2-1") while xstest_prompts.csv has the bare number ("1");
    /// strip the version so answers join to cases.
    /// </summary>
    public static string ToCaseId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var match = VersionPrefix().Match(id);
        return match.Success ? id[match.Length..] : id;
    }

    [GeneratedRegex(@"^v\d+-(?=.)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPrefix();
}
