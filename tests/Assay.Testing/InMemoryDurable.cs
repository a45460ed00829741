using Assay.Cli.Local;
using Microsoft.AspNetCore.Connections;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Assay.Testing;

/// <summary>
/// Starts the in-memory Durable test host on a port that was free a moment ago. The host's own default draws a random
/// port from 30000-40000, which now and then is one that Azurite or another test already holds; a clash is retried.
/// </summary>
public static class InMemoryDurable
{
    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry, Action<IServiceCollection> services)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(registry, new DurableTaskTestHostOptions { Port = LoopbackPort.Free(), ConfigureServices = services });
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException && attempt < 5)
            {
                // Another process took the port between the check and the bind: try another.
            }
        }
    }
}
