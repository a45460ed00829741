namespace Assay.Core.Benchmarks;

/// <summary>
/// A format that knows where each case came from. <see cref="BenchmarkValidator"/> uses it to name lines in
/// duplicate-id errors; formats without it are still validated, with case numbers instead of lines.
/// </summary>
public interface ILocatedBenchmarkFormat : IBenchmarkFormat
{
    IAsyncEnumerable<LocatedCase> ReadLocatedAsync(IBenchmarkSource source, CancellationToken cancellationToken);
}
