using Assay.Cli.Local;
using Assay.Durable.Runs;

namespace Assay.Cli;

/// <summary>
/// <c>assay status RUN_ID</c>: the run's durable state and whether it can still make progress, by the same check a
/// resume makes before it repairs a stuck run (<see cref="StuckRunCheck"/>). Read-only; exit code 4 when stuck.
/// </summary>
public sealed class StatusCommand(TextWriter output)
{
    public const int StuckExitCode = 4;

    public async Task<int> RunAsync(string runId, string? storage, string? data, string? configFile, CancellationToken ct)
    {
        var configuration = CliConfiguration.Build(configFile);
        var connection = storage ?? configuration["Storage:ConnectionString"];
        if (connection is null && data is null)
        {
            throw new CliException("name the storage the run used: --storage CONNECTION_STRING, Storage__ConnectionString, or --data FOLDER");
        }

        await using var azurite = connection is null ? await AzuriteProcess.StartAsync(data, ct).ConfigureAwait(false) : null;
        var check = new StuckRunCheck(connection ?? azurite!.ConnectionString, TaskHubs.Resolve(null, configuration));
        var report = await check.CheckAsync(runId, ct).ConfigureAwait(false);
        if (report.RuntimeStatus is null)
        {
            throw new CliException($"no run '{runId}' in this storage (is this the storage it ran on?)");
        }

        await output.WriteLineAsync(StuckRunRepair.Describe(report)).ConfigureAwait(false);
        if (report.Stuck)
        {
            await output.WriteLineAsync("  run the same command with the same --run-id: the resume restarts it from its blobs").ConfigureAwait(false);
        }

        return report.Stuck ? StuckExitCode : 0;
    }
}
