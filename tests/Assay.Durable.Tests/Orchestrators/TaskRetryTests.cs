using Assay.Core.Benchmarks;
using Assay.Durable.Orchestrators;
using Azure;
using DurableTask.Core;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// The plan is retried when storage failed it, and only then (<see cref="TaskRetry.OnStorageFailure"/>): a bad
/// benchmark or run fails at once. Asked as the worker asks the policy, with the backend's failure of the activity.
/// </summary>
public sealed class TaskRetryTests
{
    [Fact]
    public void A_storage_failure_is_retried_up_to_three_attempts()
    {
        var policy = TaskRetry.OnStorageFailure.Retry!.Policy!;

        Assert.Equal(3, policy.MaxNumberOfAttempts);
        Assert.True(policy.Handle(Failed(new RequestFailedException(400, "The specified block list is invalid.", "InvalidBlockList", null))));
        Assert.True(policy.Handle(Failed(new RequestFailedException(503, "Server busy"))));
    }

    [Fact]
    public void A_bad_benchmark_or_run_is_not_retried()
    {
        var policy = TaskRetry.OnStorageFailure.Retry!.Policy!;

        Assert.False(policy.Handle(Failed(new BenchmarkFormatException("b.jsonl", 3, "turns", "missing required field"))));
        Assert.False(policy.Handle(Failed(new InvalidOperationException("The run cannot start: judge: unknown"))));
    }

    [Fact]
    public void Every_other_task_is_retried_whatever_failed_it()
    {
        var policy = TaskRetry.Any.Retry!.Policy!;

        Assert.Equal((3, TimeSpan.FromSeconds(5), 2d), (policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient));
        Assert.True(policy.Handle(Failed(new InvalidOperationException("a judge endpoint is down"))));
    }

    private static DurableTask.Core.Exceptions.TaskFailedException Failed(Exception cause) =>
        new(0, 1, "PlanRunActivity", string.Empty, cause.Message, null) { FailureDetails = new FailureDetails(cause) };
}
