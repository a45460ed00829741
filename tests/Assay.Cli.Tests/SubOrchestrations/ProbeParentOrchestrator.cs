using Microsoft.DurableTask;

namespace Assay.Cli.Tests.SubOrchestrations;

/// <summary>Test-only parent: fans out two child orchestrations (one with tags) and joins their results.</summary>
public sealed class ProbeParentOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        // Deterministic child ids so the test can find the children's histories; tags exercise the protobuf map the
        // sidecar copies into the child's ExecutionStartedEvent.
        var tagged = new SubOrchestrationOptions
        {
            InstanceId = context.InstanceId + ":a",
            Tags = new Dictionary<string, string> { ["shard"] = "a" },
        };
        var a = context.CallSubOrchestratorAsync<string>(nameof(ProbeChildOrchestrator), input + "-a", tagged);
        var b = context.CallSubOrchestratorAsync<string>(
            nameof(ProbeChildOrchestrator), input + "-b", new SubOrchestrationOptions { InstanceId = context.InstanceId + ":b" });
        var results = await Task.WhenAll(a, b);
        return string.Join("|", results);
    }
}
