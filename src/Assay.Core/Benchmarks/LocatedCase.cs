namespace Assay.Core.Benchmarks;

/// <summary>A case with the 1-based line its record starts on, so later checks (duplicate ids) can point at it.</summary>
public readonly record struct LocatedCase(EvalCase Case, long Line);
