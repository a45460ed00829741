using System.Globalization;
using Assay.Core.Benchmarks;
using Assay.Core.Reports;
using Assay.Core.Statistics;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;

namespace Assay.Durable.Activities;

/// <summary>
/// Reads a run's LC v1 data blobs and gives every case its instruction difficulty. AlpacaEval keys the difficulty by
/// the instruction's 0-based position in its evaluation set; a case's position is its <c>index</c> metadata (the
/// alpaca-eval format keeps it) or else its position in the run's batches, which keep the benchmark's order.
/// </summary>
internal static class LcV1Loader
{
    public static async Task<LengthControlV1Setup> LoadAsync(RunStore store, string runId, int batchCount, LcV1Files files, CancellationToken ct)
    {
        var inputs = await ReadAsync(store, files, ct).ConfigureAwait(false);
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var byCase = new Dictionary<string, double>(StringComparer.Ordinal);
        var position = 0L;
        for (var batch = 0; batch < batchCount; batch++)
        {
            await foreach (var evalCase in RunStore.ReadLinesAsync<EvalCase>(results, BlobNames.Batch(runId, batch), ct).ConfigureAwait(false))
            {
                var index = LcV1Positions.Of(evalCase, position++);
                byCase[evalCase.Id] = inputs.DifficultyByIndex.TryGetValue(index, out var value) ? value : throw Missing(files, index, evalCase.Id);
            }
        }

        return new LengthControlV1Setup(inputs, byCase);
    }

    /// <summary>Reads the files and checks that every case of the benchmark has a difficulty (the plan step, before any batch).</summary>
    public static async Task CheckAsync(RunStore store, LcV1Files files, IBenchmarkFormat format, IBenchmarkSource source, CancellationToken ct)
    {
        var inputs = await ReadAsync(store, files, ct).ConfigureAwait(false);
        var position = 0L;
        await foreach (var evalCase in BenchmarkValidator.ReadValidatedAsync(format, source, ct).ConfigureAwait(false))
        {
            var index = LcV1Positions.Of(evalCase, position++);
            if (!inputs.DifficultyByIndex.ContainsKey(index))
            {
                throw Missing(files, index, evalCase.Id);
            }
        }
    }

    private static async Task<LengthControlV1Inputs> ReadAsync(RunStore store, LcV1Files files, CancellationToken ct)
    {
        var benchmarks = await store.BenchmarksAsync(ct).ConfigureAwait(false);
        await using var difficulty = await benchmarks.GetBlobClient(files.DifficultyBlob).OpenReadAsync(cancellationToken: ct).ConfigureAwait(false);
        await using var gamed = files.GamedBlob is { } g ? await benchmarks.GetBlobClient(g).OpenReadAsync(cancellationToken: ct).ConfigureAwait(false) : null;
        return await LengthControlV1Inputs.ReadAsync(difficulty, files.DifficultyBlob, gamed, files.GamedBlob, ct).ConfigureAwait(false);
    }

    private static InvalidOperationException Missing(LcV1Files files, long index, string caseId) =>
        new($"{files.DifficultyBlob}: no {LengthControlV1Inputs.DifficultyColumn} for instruction index {index} (case {caseId})");
}

/// <summary>An instruction's position in its benchmark, as LC v1's difficulty file keys it.</summary>
public static class LcV1Positions
{
    /// <summary>The case's <c>index</c> metadata, or else <paramref name="fallback"/> (its position in the benchmark).</summary>
    public static long Of(EvalCase evalCase, long fallback)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        return evalCase.Metadata.TryGetValue("index", out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index)
            ? index
            : fallback;
    }
}
