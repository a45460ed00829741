using Microsoft.Extensions.Hosting;

namespace Assay.Cli.Local;

/// <summary>
/// The command, not the host, decides when the local hosts stop. The default console lifetime stops each host on
/// SIGTERM or Ctrl+C by itself, in no particular order; the sidecar stopped under its connected worker hangs shutdown
/// for 30 s (seen with <c>assay worker</c>: SIGTERM took 36 s). With this lifetime the command's cancellation token
/// is the only signal, and <see cref="LocalDurableHost.DisposeAsync"/> stops the worker before the sidecar.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
