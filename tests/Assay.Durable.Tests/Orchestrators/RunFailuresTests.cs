using Assay.Durable.Orchestrators;
using Microsoft.DurableTask;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>A failure is reported at its cause: the innermost task named, and the first error that is not a task failure.</summary>
public sealed class RunFailuresTests
{
    [Fact]
    public void A_failed_shard_is_reported_as_the_activity_inside_it()
    {
        var activity = new TaskFailureDetails("System.Net.Http.HttpRequestException", "Connection refused (127.0.0.1:9)\nsecond line", "   at A.B()", null, null);
        var shard = new TaskFailureDetails(
            typeof(TaskFailedException).FullName!, "Task 'GenerateAnswersActivity' (#3) failed with an unhandled exception: Connection refused", "   at C.D()", activity, null);
        var failure = RunFailures.From(new TaskFailedException("EvaluateShardOrchestrator", 7, shard));

        Assert.Equal("GenerateAnswersActivity", failure.Task);
        Assert.Equal("System.Net.Http.HttpRequestException", failure.ErrorType);
        Assert.Equal("Connection refused (127.0.0.1:9)", failure.Message);
        Assert.Contains("--- caused by ---", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("at A.B()", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_activity_failure_names_the_activity()
    {
        var failure = RunFailures.From(new TaskFailedException(
            "PlanRunActivity", 0, new TaskFailureDetails("System.InvalidOperationException", "The run cannot start: judge: unknown", null, null, null)));

        Assert.Equal(("PlanRunActivity", "System.InvalidOperationException", "The run cannot start: judge: unknown"), (failure.Task, failure.ErrorType, failure.Message));
    }
}
