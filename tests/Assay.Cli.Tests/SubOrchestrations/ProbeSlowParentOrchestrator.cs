using Microsoft.DurableTask;

namespace Assay.Cli.Tests.SubOrchestrations;

/// <summary>Test-only: two children of slow activities at once (input: count and milliseconds each).</summary>
public sealed class ProbeSlowParentOrchestrator : TaskOrchestrator<int[], int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int[] input)
    {
        var a = context.CallSubOrchestratorAsync<int>(nameof(ProbeSlowChildOrchestrator), input, new SubOrchestrationOptions { InstanceId = context.InstanceId + ":a" });
        var b = context.CallSubOrchestratorAsync<int>(nameof(ProbeSlowChildOrchestrator), input, new SubOrchestrationOptions { InstanceId = context.InstanceId + ":b" });
        return (await a) + (await b);
    }
}
