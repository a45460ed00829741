using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Assay.Cli.Local;

public sealed class LocalHostOptions
{
    /// <summary>
    /// Control queues of a new task hub (fixed when the hub is created). Each is leased by one process at a time, so
    /// this bounds how many processes can run orchestrations at once; activities are shared by all through the one
    /// work-item queue whatever the count. 4, as in the Functions app's host.json (see docs/scale-out.md).
    /// </summary>
    public const int DefaultPartitionCount = 4;

    public string TaskHubName { get; set; } = TaskHubs.Default;

    /// <summary>How long a dequeued work item stays invisible; locks are renewed at half of it.</summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxConcurrentActivities { get; set; } = 32;

    public int PartitionCount { get; set; } = DefaultPartitionCount;

    /// <summary>
    /// The owner name on partition leases; null: the machine name (the backend's default), so that a runner started
    /// again after a crash on the same machine takes its leases back at once. A worker process needs its own.
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>Extra services for the worker (tests replace nothing of Assay's; they add loggers and the like).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Extra orchestrators and activities next to Assay's (tests register their own small orchestrations).</summary>
    public Action<DurableTaskRegistry>? ConfigureTasks { get; set; }
}
