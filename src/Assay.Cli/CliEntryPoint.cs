using Assay.Core.Benchmarks;

namespace Assay.Cli;

/// <summary>Maps outcomes to exit codes: 0 done, 1 the run failed, 2 bad input; the cause on one line.</summary>
public static class CliEntryPoint
{
    public static Task<int> RunAsync(LocalRunOptions options, TextWriter output, TextWriter errors, CancellationToken ct) =>
        GuardAsync(() => new LocalRunner(output, errors).RunAsync(options, ct), errors, ct);

    /// <summary>Runs a command, turning its failure into a one-line cause and an exit code.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> command, TextWriter errors, CancellationToken ct)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CliException or BenchmarkFormatException or Assay.Core.Judges.Rubrics.RubricFormatException)
        {
            await errors.WriteLineAsync($"error: {LocalRunner.OneLine(ex.Message)}").ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await errors.WriteLineAsync("interrupted: run the same command with the same --run-id to resume").ConfigureAwait(false);
            return 130;
        }
        catch (Exception ex)
        {
            await errors.WriteLineAsync($"error: {ex.GetType().Name}: {LocalRunner.OneLine(ex.Message)}").ConfigureAwait(false);
            return 1;
        }
    }
}
