using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Assay.Functions;

/// <summary>
/// Thin triggers over the class-based orchestrator and activities of Assay.Durable (the Durable source generator is
/// not available here). Function names are the task names the orchestrator calls, so both hosts run the same code.
/// </summary>
public sealed class DurableFunctions(
    PlanRunActivity plan,
    GenerateAnswersActivity generate,
    JudgeAnswersActivity judge,
    AggregateResultsActivity aggregate,
    UpdateHistoryActivity history,
    WriteReportActivity report)
{
    [Function(nameof(RunEvaluationOrchestrator))]
    public static Task<RunResult> RunEvaluation([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RunEvaluationOrchestrator().RunAsync(context, context.GetInput<RunRequest>()!);

    [Function(nameof(EvaluateShardOrchestrator))]
    public static Task<ShardResult> EvaluateShard([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new EvaluateShardOrchestrator().RunAsync(context, context.GetInput<ShardRequest>()!);

    [Function(nameof(PlanRunActivity))]
    public Task<PlanResult> Plan([ActivityTrigger] PlanRequest input, FunctionContext function) =>
        plan.RunAsync(new FunctionActivityContext(nameof(PlanRunActivity), function), input);

    [Function(nameof(GenerateAnswersActivity))]
    public Task<GenerateResult> Generate([ActivityTrigger] GenerateRequest input, FunctionContext function) =>
        generate.RunAsync(new FunctionActivityContext(nameof(GenerateAnswersActivity), function), input);

    [Function(nameof(JudgeAnswersActivity))]
    public Task<JudgeResult> Judge([ActivityTrigger] JudgeRequest input, FunctionContext function) =>
        judge.RunAsync(new FunctionActivityContext(nameof(JudgeAnswersActivity), function), input);

    [Function(nameof(AggregateResultsActivity))]
    public Task<AggregateResult> Aggregate([ActivityTrigger] AggregateRequest input, FunctionContext function) =>
        aggregate.RunAsync(new FunctionActivityContext(nameof(AggregateResultsActivity), function), input);

    [Function(nameof(UpdateHistoryActivity))]
    public Task<UpdateHistoryResult> History([ActivityTrigger] UpdateHistoryRequest input, FunctionContext function) =>
        history.RunAsync(new FunctionActivityContext(nameof(UpdateHistoryActivity), function), input);

    [Function(nameof(WriteReportActivity))]
    public Task<WriteReportResult> Report([ActivityTrigger] WriteReportRequest input, FunctionContext function) =>
        report.RunAsync(new FunctionActivityContext(nameof(WriteReportActivity), function), input);
}
