using Assay.Cli.Local;
using Assay.Durable.Endpoints;
using Microsoft.Extensions.DependencyInjection;

namespace Assay.Cli;

/// <summary>
/// <c>assay worker</c>: joins the task hub of runs on a shared storage account and runs their orchestrators and
/// activities (the same as <c>assay run</c>'s own process does) until stopped. Endpoints, rubrics and limits come from
/// this process's configuration, never from the run. Partition leases bound how many processes run orchestrations at
/// once; activities are shared by every process through the hub's work-item queue. See docs/scale-out.md.
/// </summary>
public sealed class WorkerCommand(TextWriter progress)
{
    /// <summary>How long a stop (Ctrl+C, SIGTERM) may take: the durable host's own stop is bounded at 15 s.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(25);

    public async Task<int> RunAsync(string? storage, string? taskHub, string? configFile, CancellationToken ct)
    {
        var configuration = CliConfiguration.Build(configFile);
        var workerId = $"{Environment.MachineName}-worker-{Environment.ProcessId}";
        await using var session = await LocalSession.StartAsync(
            configuration, new LocalSessionOptions { Storage = storage, TaskHub = taskHub, WorkerId = workerId }, ct).ConfigureAwait(false);
        var registry = new WorkerRegistry(session.ConnectionString, session.TaskHub);
        var endpoints = session.Services.GetRequiredService<ChatClientFactory>().KnownNames;
        await registry.BeatAsync(workerId, ct).ConfigureAwait(false);
        await progress.WriteLineAsync($"worker {workerId}: on task hub {session.TaskHub}, endpoints {endpoints}; Ctrl+C stops it").ConfigureAwait(false);
        try
        {
            while (true)
            {
                await Task.Delay(WorkerRegistry.Beat, ct).ConfigureAwait(false);
                await registry.BeatAsync(workerId, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped (Ctrl+C, SIGTERM): leave the registry, then the session stops the worker before the sidecar; work
            // items not finished reach the other processes again when their visibility timeout runs out, at the latest.
        }

        using var leaving = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await registry.LeaveAsync(workerId, leaving.Token).ConfigureAwait(false);
        await progress.WriteLineAsync($"worker {workerId}: stopped").ConfigureAwait(false);
        return 0;
    }
}
