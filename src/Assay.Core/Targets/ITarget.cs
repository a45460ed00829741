using Assay.Core.Benchmarks;

namespace Assay.Core.Targets;

/// <summary>A model under test. Failures become <see cref="TargetAnswer.Error"/>, not exceptions, so a case is never dropped.</summary>
public interface ITarget
{
    string Name { get; }

    Task<TargetAnswer> AnswerAsync(EvalCase evalCase, CancellationToken cancellationToken);
}
