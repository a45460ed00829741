using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// Arena-Hard-Auto's <c>question.jsonl</c>, in both published shapes: the current one (<c>uid</c>, <c>category</c>,
/// <c>prompt</c>, and <c>cluster</c> in v0.1 or <c>subcategory</c> in v2.0) and the first v0.1 release
/// (<c>question_id</c>, <c>category</c>, <c>cluster</c>, <c>turns: [{content}]</c>). The id is <c>uid</c> (or
/// <c>question_id</c>), the category is <c>category</c>; cluster and subcategory go to the metadata.
/// </summary>
public sealed class ArenaHardFormat : ILocatedBenchmarkFormat
{
    public const string FormatName = "arena-hard";

    public string Name => FormatName;

    public string IdField => "uid";

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    // The pairwise Arena-Hard judge against a baseline (--baseline), as the benchmark is scored.
    public BenchmarkManifest DefaultManifest(string sourceName) =>
        new(FormatName, FormatName, DefaultJudge: "arena-hard", BatchSize: 10);

    public IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken) =>
        LocatedCases.WithoutLines(ReadLocatedAsync(source, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in NativeRecords.JsonlAsync(source, cancellationToken).ConfigureAwait(false))
        {
            var legacy = !record.Root.TryGetProperty("uid", out _) && record.Root.TryGetProperty("question_id", out _);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in (string[])["cluster", "subcategory"])
            {
                if (record.OptionalString(field) is { Length: > 0 } value)
                {
                    metadata[field] = value;
                }
            }

            var evalCase = new EvalCase
            {
                Id = record.RequiredIntOrString(legacy ? "question_id" : "uid"),
                Turns = legacy ? LegacyTurns(record) : [NativeRecords.RequiredText(record, "prompt")],
                Category = record.RequiredString("category"),
                Metadata = metadata,
            };
            yield return new LocatedCase(evalCase, record.Line);
        }
    }

    private static string[] LegacyTurns(JsonlRecord record)
    {
        if (!record.Root.TryGetProperty("turns", out var turns) || turns.ValueKind != JsonValueKind.Array || turns.GetArrayLength() == 0)
        {
            throw record.Error("turns", "expected a non-empty array of {\"content\": ...} objects");
        }

        var texts = new string[turns.GetArrayLength()];
        var i = 0;
        foreach (var turn in turns.EnumerateArray())
        {
            texts[i] = turn.ValueKind == JsonValueKind.Object
                ? record.RequiredString(turn, "content", $"turns[{i}].content")
                : throw record.Error($"turns[{i}]", "expected an object with a 'content' string");
            i++;
        }

        return texts;
    }
}
