using System.Globalization;
using System.Runtime.CompilerServices;
using Assay.Core.Benchmarks;

namespace Assay.Core.JudgeEval;

/// <summary>
/// Reads PandaLM's human-annotated test set (<c>data/testset-v1.json</c>): a JSON array of objects with <c>idx</c>,
/// <c>motivation_app</c>, <c>cmp_key</c>, <c>instruction</c>, <c>input</c>, <c>response1</c>, <c>response2</c> and
/// three independent labels <c>annotator1..3</c> in {0 tie, 1 first better, 2 second better}. The gold label is the
/// majority of the three; when all three differ (no pair in the published file) it is a tie. Six responses are
/// stored as the JSON boolean <c>true</c> (the model answered "True"); they are read as the text "True".
/// </summary>
public static class PandaLmReader
{
    public const string Subset = "PandaLM";

    public static IReadOnlyList<string> AnnotatorFields { get; } = ["annotator1", "annotator2", "annotator3"];

    /// <exception cref="BenchmarkFormatException">A malformed record or a repeated idx, naming the file, line and field.</exception>
    public static async IAsyncEnumerable<LabelledPair> ReadAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var seen = new HashSet<long>();
            await foreach (var record in JsonArrayRecordReader.ReadAsync(stream, source.Name, cancellationToken).ConfigureAwait(false))
            {
                var idx = JsonFields.RequiredInteger(record, "idx");
                if (!seen.Add(idx))
                {
                    throw record.Error("idx", $"idx {idx} appears twice");
                }

                yield return ToPair(record, idx);
            }
        }
    }

    /// <summary>The label most annotators gave; a tie when no label has a majority.</summary>
    public static PairPreference Majority(IReadOnlyList<PairPreference> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var top = labels.GroupBy(l => l).Select(g => (Label: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ToList();
        return top.Count > 0 && top[0].Count * 2 > labels.Count ? top[0].Label : PairPreference.Tie;
    }

    public static PairPreference FromPandaLmLabel(long label) => label switch
    {
        0 => PairPreference.Tie,
        1 => PairPreference.A,
        2 => PairPreference.B,
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, "PandaLM labels are 0, 1 or 2"),
    };

    private static LabelledPair ToPair(JsonlRecord record, long idx)
    {
        PairPreference[] labels = [.. AnnotatorFields.Select(f => FromPandaLmLabel(JsonFields.RequiredInteger(record, f, 0, 1, 2)))];
        var input = record.RequiredString("input");
        return new LabelledPair
        {
            Id = idx.ToString(CultureInfo.InvariantCulture),
            Subset = Subset,
            Instruction = record.RequiredString("instruction"),
            Input = input.Length == 0 ? null : input,
            OutputA = JsonFields.RequiredText(record, "response1"),
            OutputB = JsonFields.RequiredText(record, "response2"),
            Gold = Majority(labels),
            HumanLabels = labels,
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["motivation_app"] = record.RequiredString("motivation_app"),
                ["cmp_key"] = record.RequiredString("cmp_key"),
            },
        };
    }
}
