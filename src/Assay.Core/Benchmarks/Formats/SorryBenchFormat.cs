using System.Runtime.CompilerServices;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// SORRY-Bench's FastChat-style <c>question.jsonl</c> (and its <c>question_&lt;style&gt;.jsonl</c> mutations):
/// <c>question_id</c>, <c>category</c> (the category's number as a string, "1" to "44"), <c>turns</c> and
/// <c>prompt_style</c> ("base", "slang", "translate-fr", …; absent means "base"). The category is the category id,
/// the style goes to <c>Metadata["prompt_style"]</c>. The same question_id appears once per style, so the id of a
/// non-base item is <c>&lt;prompt_style&gt;/&lt;question_id&gt;</c> and one file may hold several styles.
/// </summary>
public sealed class SorryBenchFormat : ILocatedBenchmarkFormat
{
    public const string FormatName = "sorry-bench";

    public const string BaseStyle = "base";

    public string Name => FormatName;

    public string IdField => "question_id";

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    // SORRY-Bench's metric is the fulfilment rate, scored by an LLM judge with its template: the run names the endpoint
    // (fulfilment:ENDPOINT); --judge refusal gives the rule-based stand-in without one.
    public BenchmarkManifest DefaultManifest(string sourceName) =>
        new(FormatName, FormatName, DefaultJudge: Judges.Safety.FulfilmentJudge.JudgeName, BatchSize: 25);

    public IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken) =>
        LocatedCases.WithoutLines(ReadLocatedAsync(source, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in NativeRecords.JsonlAsync(source, cancellationToken).ConfigureAwait(false))
        {
            var questionId = record.RequiredIntOrString("question_id");
            var category = record.RequiredIntOrString("category");
            var turns = record.RequiredStringArray("turns", minCount: 1);
            var style = record.OptionalString("prompt_style") ?? BaseStyle;
            if (string.IsNullOrWhiteSpace(style))
            {
                throw record.Error("prompt_style", "must not be empty (leave it out for \"base\")");
            }

            var evalCase = new EvalCase
            {
                Id = style == BaseStyle ? questionId : $"{style}/{questionId}",
                Turns = turns,
                Category = CategoryName(category),
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["category_id"] = category,
                    ["prompt_style"] = style,
                    ["question_id"] = questionId,
                },
            };
            yield return new LocatedCase(evalCase, record.Line);
        }
    }

    // The report shows SORRY-Bench's category names (Taxonomies/sorry-bench.json), which also carry the trust tags; an
    // id the taxonomy does not know stays as it is.
    private static string CategoryName(string id) =>
        Taxonomies.Taxonomies.Get(FormatName).FindById(id)?.Name ?? id;
}
