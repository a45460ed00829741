using Microsoft.DurableTask;

namespace Assay.Durable.Orchestrators;

/// <summary>How the orchestrators retry a failed activity or sub-orchestration, declared once.</summary>
internal static class TaskRetry
{
    /// <summary>
    /// Any failure, up to 3 attempts, 5 s and then 10 s apart: activities write under deterministic blob names and
    /// reuse what a failed attempt already wrote.
    /// </summary>
    public static readonly TaskOptions Any = TaskOptions.FromRetryPolicy(Policy());

    /// <summary>
    /// Only a storage failure: the plan's, whose other failures are a bad benchmark or run, which must fail at once,
    /// not 15 s later. A transient storage error is retried, and so is a second execution of the plan beside the first
    /// (of two writers of one batch blob over 4 MiB, the second to publish fails with InvalidBlockList; retried, it
    /// finds the plan written or writes it again).
    /// </summary>
    public static readonly TaskOptions OnStorageFailure = TaskOptions.FromRetryPolicy(Policy(IsStorageFailure));

    internal static bool IsStorageFailure(TaskFailureDetails failure) =>
        failure.ErrorType == typeof(Azure.RequestFailedException).FullName;

    private static RetryPolicy Policy(Func<TaskFailureDetails, bool>? handle = null) => handle is null
        ? new(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2)
        : new(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2) { HandleFailure = handle };
}
