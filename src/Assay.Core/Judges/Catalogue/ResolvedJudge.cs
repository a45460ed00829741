using Assay.Core.Judges.Pairwise;

namespace Assay.Core.Judges.Catalogue;

/// <summary>A judge name read against the catalogue: its entry, and the parameter and variant the name chose.</summary>
public sealed record ResolvedJudge(JudgeDescriptor Descriptor, string Name, string? Parameter, bool Faithful)
{
    public JudgeBuild Build() => new(Name, Parameter, Faithful);

    /// <exception cref="InvalidOperationException">A pairwise judge: it needs <see cref="CreatePairwise"/>.</exception>
    public ICaseJudge CreateCase(IRubricSource? rubrics = null, IReadOnlyList<Ensembles.EnsembleMember>? members = null) =>
        (Descriptor.CreateCase ?? throw new InvalidOperationException($"'{Name}' is a pairwise judge: it compares two answers"))(
            Build() with { Rubrics = rubrics, Members = members });

    /// <exception cref="InvalidOperationException">Not a pairwise judge.</exception>
    public IPairwiseCaseJudge CreatePairwise() =>
        (Descriptor.CreatePairwise ?? throw new InvalidOperationException($"'{Name}' is not a pairwise judge"))(Build());
}
