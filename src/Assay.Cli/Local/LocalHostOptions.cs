using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Assay.Cli.Local;

public sealed class LocalHostOptions
{
    public string TaskHubName { get; set; } = "assay";

    /// <summary>How long a dequeued work item stays invisible; locks are renewed at half of it.</summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>Extra services for the worker (tests replace nothing of Assay's; they add loggers and the like).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Extra orchestrators and activities next to Assay's (tests register their own small orchestrations).</summary>
    public Action<DurableTaskRegistry>? ConfigureTasks { get; set; }
}
