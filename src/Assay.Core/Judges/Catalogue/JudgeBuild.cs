using Assay.Core.Judges.Ensembles;
using Assay.Core.Judges.Rubrics;

namespace Assay.Core.Judges.Catalogue;

/// <summary>The rubrics an operator configured; the host supplies them (rubrics are never taken from a request).</summary>
public interface IRubricSource
{
    RubricTemplate? Find(string name);

    /// <summary>The message for a rubric that is not configured.</summary>
    string Missing(string judgeName);
}

/// <summary>What a judge's factory is given: its name as the run wrote it, and what the host can supply.</summary>
/// <param name="Name">The full name, e.g. <c>safety-label.llama-guard-2-faithful</c>.</param>
/// <param name="Parameter">The part after the dot, if any.</param>
/// <param name="Faithful">True for the <c>-faithful</c> variant.</param>
public sealed record JudgeBuild(string Name, string? Parameter, bool Faithful)
{
    public IRubricSource? Rubrics { get; init; }

    /// <summary>For an ensemble: its members, each already resolved.</summary>
    public IReadOnlyList<EnsembleMember>? Members { get; init; }
}
