using Assay.Durable.Activities;
using Assay.Durable.Orchestrators;

namespace Assay.Durable;

public enum AssayTaskKind
{
    Orchestrator,
    Activity,
}

/// <summary>One durable task: its class, and its name (the class name), which is also the Functions trigger's name.</summary>
public sealed record AssayTask(Type Type, AssayTaskKind Kind)
{
    public string Name => Type.Name;
}

/// <summary>
/// The one list of Assay's durable tasks. It feeds the dependency-injection registrations of the activities, the
/// local worker's registry and the metadata test; the Functions app's thin triggers are checked against it by a test,
/// because without the Durable source generator each trigger is a hand-written method. A new task is one line here,
/// its class, and (for the Functions app) its trigger.
/// </summary>
public static class AssayTasks
{
    public static IReadOnlyList<AssayTask> All { get; } =
    [
        Orchestrator<RunEvaluationOrchestrator>(),
        Orchestrator<EvaluateShardOrchestrator>(),
        Activity<PlanRunActivity>(),
        Activity<GenerateAnswersActivity>(),
        Activity<JudgeAnswersActivity>(),
        Activity<AggregateResultsActivity>(),
        Activity<UpdateHistoryActivity>(),
        Activity<WriteReportActivity>(),
        Orchestrator<DebateRunOrchestrator>(),
        Orchestrator<DebateOrchestrator>(),
        Activity<PlanDebatesActivity>(),
        Activity<DebateRoundActivity>(),
        Activity<AggregateDebatesActivity>(),
        Orchestrator<GenerateSuiteOrchestrator>(),
        Activity<GenerateCellsActivity>(),
        Activity<WriteSuiteActivity>(),
    ];

    private static AssayTask Orchestrator<T>()
        where T : Microsoft.DurableTask.ITaskOrchestrator => new(typeof(T), AssayTaskKind.Orchestrator);

    private static AssayTask Activity<T>()
        where T : Microsoft.DurableTask.ITaskActivity => new(typeof(T), AssayTaskKind.Activity);
}
