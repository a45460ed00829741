using System.Runtime.CompilerServices;

namespace Assay.Core.Benchmarks;

/// <summary>
/// FastChat's MT-Bench <c>question.jsonl</c>: <c>question_id</c>, <c>category</c>, <c>turns</c> and an optional
/// inline <c>reference</c>. GPT-4 reference answers live in a sibling file and win over the inline ones, as in
/// FastChat's own judging (the inline references are partial and human-written).
/// </summary>
public sealed class MtBenchFormat : ILocatedBenchmarkFormat
{
    public const string FormatName = "mt-bench";

    public const string ReferenceFile = "reference_answer/gpt-4.jsonl";

    public string Name => FormatName;

    public string IdField => "question_id";

    public IReadOnlyList<string> RelatedFiles { get; } = [ReferenceFile];

    public BenchmarkManifest DefaultManifest(string sourceName) =>
        new(FormatName, FormatName, DefaultJudge: "mt-bench", BatchSize: 8);

    public IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken) =>
        LocatedCases.WithoutLines(ReadLocatedAsync(source, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var references = await ReadReferencesAsync(source, cancellationToken).ConfigureAwait(false);

        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var record in JsonlRecordReader.ReadAsync(stream, source.Name, cancellationToken).ConfigureAwait(false))
            {
                var id = record.RequiredIntOrString("question_id");
                var category = record.RequiredString("category");
                var turns = record.RequiredStringArray("turns", minCount: 1);
                var inline = record.OptionalStringArray("reference");
                var evalCase = new EvalCase
                {
                    Id = id,
                    Turns = turns,
                    Category = category,
                    References = references.TryGetValue(id, out var gpt4) ? gpt4 : inline,
                };
                yield return new LocatedCase(evalCase, record.Line);
            }
        }
    }

    /// <summary>question_id to reference turns, from the sibling file when it exists (small: 30 lines upstream).</summary>
    private static async Task<Dictionary<string, IReadOnlyList<string>>> ReadReferencesAsync(
        IBenchmarkSource source, CancellationToken cancellationToken)
    {
        var references = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var stream = await source.OpenRelativeAsync(ReferenceFile, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return references;
        }

        await using (stream.ConfigureAwait(false))
        {
            var file = source.RelativeName(ReferenceFile);
            var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
            await foreach (var record in JsonlRecordReader.ReadAsync(stream, file, cancellationToken).ConfigureAwait(false))
            {
                var id = record.RequiredIntOrString("question_id");
                var choice = record.RequiredFirstObject("choices");
                var turns = record.RequiredStringArray(choice, "turns", "choices[0].turns", minCount: 1);
                if (!firstLine.TryAdd(id, record.Line))
                {
                    throw record.Error("question_id", $"duplicate id '{BenchmarkFormatException.Clip(id)}' (first on line {firstLine[id]})");
                }

                references[id] = turns;
            }
        }

        return references;
    }
}
