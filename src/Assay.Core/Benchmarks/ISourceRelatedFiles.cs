namespace Assay.Core.Benchmarks;

/// <summary>
/// A format whose side files are named after the benchmark file (<c>cases.csv</c> reads <c>cases.manifest.json</c>),
/// so that they can be uploaded with it. <see cref="IBenchmarkFormat.RelatedFiles"/> lists the fixed names only.
/// </summary>
public interface ISourceRelatedFiles
{
    /// <summary>Side files of <paramref name="sourceName"/>, relative to its folder.</summary>
    IReadOnlyList<string> RelatedFilesFor(string sourceName);
}
