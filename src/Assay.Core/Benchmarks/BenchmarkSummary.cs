namespace Assay.Core.Benchmarks;

/// <summary>What a valid benchmark file holds.</summary>
/// <param name="Cases">Number of cases.</param>
/// <param name="Categories">Cases per category, ordered by name; uncategorised cases count under <see cref="NoCategory"/>.</param>
public sealed record BenchmarkSummary(int Cases, IReadOnlyDictionary<string, int> Categories)
{
    public const string NoCategory = "(none)";
}
