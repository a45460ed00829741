using System.Globalization;
using System.Runtime.CompilerServices;
using Assay.Core.Benchmarks;

namespace Assay.Core.JudgeEval;

/// <summary>
/// Reads LLMBar's <c>dataset.json</c> files: a JSON array of <c>{input, output_1, output_2, label}</c> where
/// <c>label</c> is 1 or 2, the better output. LLMBar has no ids, so a pair's id is its subset and 0-based position.
/// </summary>
public static class LlmBarReader
{
    /// <exception cref="BenchmarkFormatException">A malformed file or record, naming the file, line and field.</exception>
    public static async IAsyncEnumerable<LabelledPair> ReadAsync(
        IBenchmarkSource source, string subset, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(subset);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var index = 0;
            await foreach (var record in JsonArrayRecordReader.ReadAsync(stream, source.Name, cancellationToken).ConfigureAwait(false))
            {
                yield return ToPair(record, subset, index++);
            }
        }
    }

    /// <summary>Reads <paramref name="subsets"/> (default: <see cref="LlmBarSubsets.All"/>) below LLMBar's <c>Dataset/</c> folder.</summary>
    /// <exception cref="BenchmarkFormatException">A subset's file is missing or malformed.</exception>
    public static async IAsyncEnumerable<LabelledPair> ReadDatasetAsync(
        string datasetFolder,
        IEnumerable<LlmBarSubset>? subsets = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetFolder);
        foreach (var subset in subsets ?? LlmBarSubsets.All)
        {
            var path = Path.Combine(datasetFolder, subset.RelativePath);
            if (!File.Exists(path))
            {
                throw new BenchmarkFormatException(path, 0, null, $"LLMBar subset {subset.Name} is missing");
            }

            await foreach (var pair in ReadAsync(new FileBenchmarkSource(path), subset.Name, cancellationToken).ConfigureAwait(false))
            {
                yield return pair;
            }
        }
    }

    private static LabelledPair ToPair(JsonlRecord record, string subset, int index) => new()
    {
        Id = subset + "/" + index.ToString(CultureInfo.InvariantCulture),
        Subset = subset,
        Instruction = record.RequiredString("input"),
        OutputA = record.RequiredString("output_1"),
        OutputB = record.RequiredString("output_2"),
        Gold = JsonFields.RequiredInteger(record, "label", 1, 2) == 1 ? PairPreference.A : PairPreference.B,
    };
}
