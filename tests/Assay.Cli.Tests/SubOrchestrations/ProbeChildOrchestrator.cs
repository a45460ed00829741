using Microsoft.DurableTask;

namespace Assay.Cli.Tests.SubOrchestrations;

/// <summary>Test-only child: one activity call, so the child's own history goes through the backend too.</summary>
public sealed class ProbeChildOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(ProbeUpperActivity), input);
}
