using Assay.Cli.Local;
using Assay.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Assay.Cli.Tests.SubOrchestrations;

/// <summary>Runs one test orchestration on a <see cref="LocalDurableHost"/> over Azurite and returns how it ended.</summary>
internal static class LocalHostProbe
{
    /// <param name="options">The hub and tasks; the host's own defaults for the rest.</param>
    public static async Task<OrchestrationMetadata?> RunAsync(
        AzuriteFixture azurite, LocalHostOptions options, ITestOutputHelper log, string orchestrator, object input)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Storage:ConnectionString", azurite.ConnectionString)])
            .Build();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new TestLogProvider(log)));
        await using var host = await LocalDurableHost.StartAsync(configuration, azurite.ConnectionString, options, loggerFactory, CancellationToken.None);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
        // A guard against a hang, not a timing assertion: the probes take seconds when they work.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, guard.Token);
        }
        catch (OperationCanceledException)
        {
            return await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        }
    }
}
