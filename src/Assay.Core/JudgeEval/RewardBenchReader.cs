using System.Runtime.CompilerServices;
using Assay.Core.Benchmarks;

namespace Assay.Core.JudgeEval;

/// <summary>
/// Reads RewardBench (allenai/reward-bench, the <c>filtered</c> split): records of <c>prompt</c>, <c>chosen</c>,
/// <c>rejected</c>, <c>subset</c> and <c>id</c> (with <c>chosen_model</c> and <c>rejected_model</c>), as JSON Lines (what
/// the Hugging Face <c>to_json</c> export writes) or one JSON array. Each record is a pair whose gold preference is the
/// chosen completion, shown as output A; its subset (e.g. <c>llmbar-adver-neighbor</c>) groups it.
/// </summary>
public static class RewardBenchReader
{
    private static readonly string[] MetadataFields = ["chosen_model", "rejected_model"];

    /// <exception cref="BenchmarkFormatException">A malformed file or record, naming the file, line and field.</exception>
    public static async IAsyncEnumerable<LabelledPair> ReadAsync(IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var isArray = await StartsWithArrayAsync(source, cancellationToken).ConfigureAwait(false);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var records = isArray
                ? JsonArrayRecordReader.ReadAsync(stream, source.Name, cancellationToken)
                : JsonlRecordReader.ReadAsync(stream, source.Name, cancellationToken);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var record in records.ConfigureAwait(false))
            {
                var pair = ToPair(record);
                if (!ids.Add(pair.Id))
                {
                    throw record.Error("id", $"repeats id {pair.Id}");
                }

                yield return pair;
            }
        }
    }

    private static LabelledPair ToPair(JsonlRecord record)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in MetadataFields)
        {
            if (record.OptionalString(field) is { } value)
            {
                metadata[field] = value;
            }
        }

        return new LabelledPair
        {
            Id = record.RequiredIntOrString("id"),
            Subset = record.RequiredString("subset"),
            Instruction = record.RequiredString("prompt"),
            OutputA = record.RequiredString("chosen"),
            OutputB = record.RequiredString("rejected"),
            Gold = PairPreference.A,
            Metadata = metadata,
        };
    }

    // JSON Lines starts with '{', a JSON array with '['; a UTF-8 byte order mark and whitespace may come first.
    private static async Task<bool> StartsWithArrayAsync(IBenchmarkSource source, CancellationToken cancellationToken)
    {
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[1];
            while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) == 1)
            {
                if (buffer[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
                {
                    continue;
                }

                return buffer[0] == (byte)'[';
            }

            return false;
        }
    }
}
