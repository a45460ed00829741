namespace Assay.Core.Judges.Catalogue;

/// <summary>
/// The part after a dot in a judge's name (<c>rubric.NAME</c>, <c>safety-label.TAXONOMY</c>).
/// </summary>
/// <param name="Placeholder">How the syntax shows it, e.g. <c>NAME</c>.</param>
/// <param name="Required">True when the bare name is not a judge (<c>rubric</c> alone).</param>
/// <param name="Example">A value that works out of the box or in tests' configuration.</param>
/// <param name="Check">The problem with a value, or null; null when any value is accepted here (checked later).</param>
public sealed record JudgeParameter(string Placeholder, bool Required, string Example, Func<string, string?>? Check = null);
