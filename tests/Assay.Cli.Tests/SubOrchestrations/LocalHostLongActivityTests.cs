using Assay.Cli.Local;
using Assay.Testing;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace Assay.Cli.Tests.SubOrchestrations;

/// <summary>
/// Activities that outlive the work-item visibility timeout, in a top-level orchestration and in two sub-orchestrations
/// with a sliding window (the shape of a sharded run): the local host must renew their locks so each completes once
/// and the parent completes. A large sharded run once stalled locally with activities like these.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalHostLongActivityTests(AzuriteFixture azurite, ITestOutputHelper log)
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(nameof(ProbeSlowChildOrchestrator), 6)]
    [InlineData(nameof(ProbeSlowParentOrchestrator), 2 * 6)]
    public async Task Activities_longer_than_the_visibility_timeout_complete_once_each(string orchestrator, int activities)
    {
        var milliseconds = (int)(Visibility.TotalMilliseconds * 1.5);
        var hub = "longact" + Guid.NewGuid().ToString("N")[..10];
        var options = new LocalHostOptions
        {
            TaskHubName = hub,
            WorkItemVisibilityTimeout = Visibility,
            ConfigureTasks = r => r.AddOrchestrator<ProbeSlowParentOrchestrator>().AddOrchestrator<ProbeSlowChildOrchestrator>().AddActivity<ProbeSlowActivity>(),
        };
        ProbeSlowActivity.ResetCount();

        // Six activities of 1.5 × the visibility timeout, three at a time, in each orchestration that calls them.
        var final = await LocalHostProbe.RunAsync(azurite, options, log, orchestrator, new[] { 6, milliseconds, 3 });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, final?.RuntimeStatus);
        Assert.Equal(activities * milliseconds, final!.ReadOutputAs<int>());
        // Renewed locks keep each message invisible while its activity runs: nothing is redelivered and run twice.
        Assert.Equal(activities, ProbeSlowActivity.Executions);
    }
}
