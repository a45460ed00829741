using Assay.Core.Benchmarks;

namespace Assay.Core.Targets;

/// <summary>
/// Answers with a text the case itself carries in its metadata: the two outputs of a labelled judge-evaluation pair
/// (<c>answer_a</c>, <c>answer_b</c>), so a judge can be evaluated with the same pipeline as a model.
/// </summary>
public sealed class CaseFieldTarget(string name, string field) : ITarget
{
    public string Name { get; } = name;

    public string Field { get; } = field;

    public Task<TargetAnswer> AnswerAsync(EvalCase evalCase, CancellationToken cancellationToken) =>
        Task.FromResult(evalCase.Metadata.TryGetValue(Field, out var text)
            ? new TargetAnswer { CaseId = evalCase.Id, Target = Name, Turns = Enumerable.Repeat(text, evalCase.Turns.Count).ToArray() }
            : new TargetAnswer { CaseId = evalCase.Id, Target = Name, Error = $"case {evalCase.Id} has no '{Field}' field" });
}
