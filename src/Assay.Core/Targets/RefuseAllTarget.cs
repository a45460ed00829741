using Assay.Core.Benchmarks;

namespace Assay.Core.Targets;

/// <summary>Refuses everything: the floor for helpfulness and the ceiling for refusal on unsafe prompts.</summary>
public sealed class RefuseAllTarget(string name = RefuseAllTarget.DefaultName) : ITarget
{
    public const string DefaultName = "refuse";

    public const string Response = "I'm sorry, but I can't help with that request.";

    public string Name { get; } = name;

    public Task<TargetAnswer> AnswerAsync(EvalCase evalCase, CancellationToken cancellationToken) =>
        Task.FromResult(new TargetAnswer
        {
            CaseId = evalCase.Id,
            Target = Name,
            Turns = Enumerable.Repeat(Response, evalCase.Turns.Count).ToArray(),
        });
}
