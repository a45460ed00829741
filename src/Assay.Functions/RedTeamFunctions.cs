using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Assay.Functions;

/// <summary>Thin triggers over ASTRAL suite generation, named as the orchestrator calls them.</summary>
public sealed class RedTeamFunctions(GenerateCellsActivity generate, WriteSuiteActivity write)
{
    [Function(nameof(GenerateSuiteOrchestrator))]
    public static Task<RedTeamSuiteResult> GenerateSuite([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new GenerateSuiteOrchestrator().RunAsync(context, context.GetInput<RedTeamSuiteRequest>()!);

    [Function(nameof(GenerateCellsActivity))]
    public Task<GenerateCellsResult> Generate([ActivityTrigger] GenerateCellsRequest input, FunctionContext function) =>
        generate.RunAsync(new FunctionActivityContext(nameof(GenerateCellsActivity), function), input);

    [Function(nameof(WriteSuiteActivity))]
    public Task<RedTeamSuiteResult> Write([ActivityTrigger] RedTeamSuiteRequest input, FunctionContext function) =>
        write.RunAsync(new FunctionActivityContext(nameof(WriteSuiteActivity), function), input);
}
