namespace Assay.Core.Statistics;

/// <summary>One pairwise verdict between two models on one prompt.</summary>
/// <param name="Outcome">1 when <paramref name="ModelA"/> won, 0 when <paramref name="ModelB"/> won, 0.5 for a tie.</param>
/// <param name="Weight">How many times the verdict counts: Arena-Hard counts a strong verdict (A&gt;&gt;B) three times.</param>
public sealed record Battle(string ModelA, string ModelB, double Outcome, double Weight = 1.0);
