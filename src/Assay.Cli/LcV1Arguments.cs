using Assay.Core.Benchmarks;
using Assay.Core.Statistics;
using Assay.Durable.Storage;

namespace Assay.Cli;

/// <summary>
/// <c>--lc-difficulty FILE</c> and <c>--lc-gamed FILE</c>: AlpacaEval's LC v1 data files. Local files are read in full
/// before anything starts (a bad value names file, line and column) and every instruction of a local benchmark must
/// have a difficulty; then they are queued for upload beside the benchmark. <c>blob:NAME</c> names a blob already in
/// the benchmarks container, which the run reads when it aggregates.
/// </summary>
internal static class LcV1Arguments
{
    private const string BlobPrefix = "blob:";

    /// <returns>The blob names for the run spec (difficulty, gamed), or nulls when LC v1 was not asked for.</returns>
    public static async Task<(string? Difficulty, string? Gamed)> PrepareAsync(
        LocalRunOptions options, string runId, IBenchmarkFormat? format, List<(string LocalPath, string Blob)> uploads, CancellationToken ct)
    {
        if (options.LcDifficulty is null)
        {
            return (null, options.LcGamed is null ? null : Blob(options.LcGamed, runId, uploads));
        }

        if (!IsBlob(options.LcDifficulty) && (options.LcGamed is null || !IsBlob(options.LcGamed)))
        {
            var inputs = await ReadAsync(options.LcDifficulty, options.LcGamed, ct).ConfigureAwait(false);
            if (format is not null && !IsBlob(options.Benchmark))
            {
                await CheckCoverageAsync(options, format, inputs, ct).ConfigureAwait(false);
            }
        }

        return (Blob(options.LcDifficulty, runId, uploads), options.LcGamed is null ? null : Blob(options.LcGamed, runId, uploads));
    }

    private static async Task<LengthControlV1Inputs> ReadAsync(string difficultyPath, string? gamedPath, CancellationToken ct)
    {
        await using var difficulty = Open("--lc-difficulty", difficultyPath);
        await using var gamed = gamedPath is null ? null : Open("--lc-gamed", gamedPath);
        return await LengthControlV1Inputs.ReadAsync(difficulty, difficultyPath, gamed, gamedPath, ct).ConfigureAwait(false);
    }

    // A difficulty missing for one instruction would fail the run at its very end: say so now.
    private static async Task CheckCoverageAsync(LocalRunOptions options, IBenchmarkFormat format, LengthControlV1Inputs inputs, CancellationToken ct)
    {
        var position = 0L;
        await foreach (var evalCase in BenchmarkValidator.ReadValidatedAsync(format, new FileBenchmarkSource(options.Benchmark), ct).ConfigureAwait(false))
        {
            var index = Durable.Activities.LcV1Positions.Of(evalCase, position++);
            if (!inputs.DifficultyByIndex.ContainsKey(index))
            {
                throw new CliException(
                    $"--lc-difficulty {options.LcDifficulty}: no {LengthControlV1Inputs.DifficultyColumn} for the benchmark's instruction at index {index} (case {evalCase.Id} of {options.Benchmark})");
            }
        }
    }

    private static FileStream Open(string option, string path)
    {
        if (Directory.Exists(path) || !File.Exists(path))
        {
            throw new CliException($"{option} {path}: no such file (AlpacaEval's {(option == "--lc-gamed" ? "df_gamed.csv" : "instruction_difficulty.csv")}, or blob:NAME for a blob in the benchmarks container)");
        }

        return File.OpenRead(path);
    }

    private static bool IsBlob(string argument) => argument.StartsWith(BlobPrefix, StringComparison.Ordinal);

    private static string Blob(string argument, string runId, List<(string LocalPath, string Blob)> uploads)
    {
        if (IsBlob(argument))
        {
            return argument[BlobPrefix.Length..];
        }

        var blob = BlobNames.UploadedBenchmark(runId, "lc-v1/" + Path.GetFileName(argument));
        uploads.Add((argument, blob));
        return blob;
    }
}
