using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Assay.Functions;

/// <summary>
/// Thin triggers over the debate orchestrators and activities (LOGICOM), named as the orchestrators call them, so the
/// Functions app runs the same code as the local runner.
/// </summary>
public sealed class DebateFunctions(PlanDebatesActivity plan, DebateRoundActivity round, AggregateDebatesActivity aggregate)
{
    [Function(nameof(DebateRunOrchestrator))]
    public static Task<DebateRunResult> DebateRun([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DebateRunOrchestrator().RunAsync(context, context.GetInput<DebateRunRequest>()!);

    [Function(nameof(DebateOrchestrator))]
    public static Task<DebateSummary> Debate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DebateOrchestrator().RunAsync(context, context.GetInput<DebateRequest>()!);

    [Function(nameof(PlanDebatesActivity))]
    public Task<DebatePlanResult> Plan([ActivityTrigger] DebatePlanRequest input, FunctionContext function) =>
        plan.RunAsync(new FunctionActivityContext(nameof(PlanDebatesActivity), function), input);

    [Function(nameof(DebateRoundActivity))]
    public Task<DebateRoundResult> Round([ActivityTrigger] DebateRoundRequest input, FunctionContext function) =>
        round.RunAsync(new FunctionActivityContext(nameof(DebateRoundActivity), function), input);

    [Function(nameof(AggregateDebatesActivity))]
    public Task<DebateRunResult> Aggregate([ActivityTrigger] DebateAggregateRequest input, FunctionContext function) =>
        aggregate.RunAsync(new FunctionActivityContext(nameof(AggregateDebatesActivity), function), input);
}
