using Microsoft.DurableTask;

namespace Assay.Cli.Tests.SubOrchestrations;

/// <summary>Test-only activity that outlives the work-item visibility timeout: it sleeps for the given milliseconds.</summary>
public sealed class ProbeSlowActivity : TaskActivity<int, int>
{
    private static int executions;

    public static int Executions => Volatile.Read(ref executions);

    public static void ResetCount() => Volatile.Write(ref executions, 0);

    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        Interlocked.Increment(ref executions);
        await Task.Delay(input).ConfigureAwait(false);
        return input;
    }
}
