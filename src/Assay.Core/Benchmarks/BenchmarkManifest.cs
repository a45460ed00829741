namespace Assay.Core.Benchmarks;

/// <summary>What a benchmark is and how it is evaluated by default.</summary>
/// <param name="Name">Display name, e.g. <c>mt-bench</c>.</param>
/// <param name="Format">The format name that reads its files (see <see cref="BenchmarkFormats"/>).</param>
/// <param name="DefaultJudge">Judge used when the run names none.</param>
/// <param name="BatchSize">Cases per batch blob (one activity per batch and target).</param>
public sealed record BenchmarkManifest(string Name, string Format, string DefaultJudge, int BatchSize);
