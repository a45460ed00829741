using Microsoft.DurableTask;

namespace Assay.Cli.Tests.SubOrchestrations;

/// <summary>Test-only: input [count, milliseconds each, window]: slow activities in a sliding window; sums results.</summary>
public sealed class ProbeSlowChildOrchestrator : TaskOrchestrator<int[], int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int[] input)
    {
        var inFlight = new List<Task<int>>();
        var sum = 0;
        for (var i = 0; i < input[0]; i++)
        {
            if (inFlight.Count >= input[2])
            {
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                sum += done.Result;
            }

            inFlight.Add(context.CallActivityAsync<int>(nameof(ProbeSlowActivity), input[1]));
        }

        return sum + (await Task.WhenAll(inFlight)).Sum();
    }
}
