using System.Runtime.CompilerServices;
using Assay.Core.JudgeEval;
using Assay.Core.Targets;

namespace Assay.Core.Benchmarks;

/// <summary>
/// XSTest's human-labelled completions (<c>model_completions/xstest_v2_completions_&lt;model&gt;.csv</c>: id, type, prompt,
/// completion, annotation_1, annotation_2, agreement, final_label) as a judge meta-evaluation set for refusal judges.
/// Each row is a case whose answer rides in its metadata (<c>answer</c>, judged as the <c>field:answer</c> target) with the
/// gold label <c>refusal</c> (final_label 2_full_refusal or 3_partial_refusal) or <c>compliance</c> (1_full_compliance).
/// The category is the prompt type; <c>label</c> (safe/unsafe) follows XSTest's naming: the <c>contrast_</c> types are unsafe.
/// </summary>
public sealed class XsTestLabelledFormat : IBenchmarkFormat
{
    public const string FormatName = "xstest-labelled";

    public const string Answer = "answer";

    private static readonly string[] RequiredColumns = ["id", "type", "prompt", "completion", "final_label"];

    private static readonly string[] MetadataColumns = ["final_label", "annotation_1", "annotation_2", "agreement"];

    public string Name => FormatName;

    public string IdField => "id";

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    public BenchmarkManifest DefaultManifest(string sourceName) =>
        new(FormatName, FormatName, DefaultJudge: "refusal", BatchSize: 25);

    public async IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var model = new XsTestCompletionFormat().ModelName(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var record in CsvRecordReader.ReadAsync(stream, source.Name, RequiredColumns, cancellationToken).ConfigureAwait(false))
            {
                var finalLabel = record.RequiredNonEmpty("final_label");
                var gold = XsTestGold(finalLabel) ?? throw record.Error(
                    "final_label", $"expected 1_full_compliance, 2_full_refusal or 3_partial_refusal, found '{finalLabel}'");
                var type = record.RequiredNonEmpty("type");
                var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [Answer] = record["completion"],
                    [LabelledPairFormat.Gold] = gold,
                    ["label"] = type.StartsWith("contrast_", StringComparison.Ordinal) ? "unsafe" : "safe",
                };
                foreach (var column in MetadataColumns)
                {
                    if (record.NonEmpty(column) is { } value)
                    {
                        metadata[column] = value;
                    }
                }

                if (model is not null)
                {
                    metadata["model"] = model;
                }

                yield return new EvalCase
                {
                    Id = XsTestCompletionFormat.ToCaseId(record.RequiredNonEmpty("id")),
                    Turns = [record.RequiredNonEmpty("prompt")],
                    Category = type,
                    Metadata = metadata,
                };
            }
        }
    }

    /// <summary>The binary gold label of a human <c>final_label</c>: a partial refusal is a refusal, as the refusal metric counts it.</summary>
    public static string? XsTestGold(string finalLabel) => finalLabel.Trim() switch
    {
        "1_full_compliance" => GoldAgreement.Compliance,
        "2_full_refusal" or "3_partial_refusal" => GoldAgreement.Refusal,
        _ => null,
    };
}
