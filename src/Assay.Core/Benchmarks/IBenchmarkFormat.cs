namespace Assay.Core.Benchmarks;

/// <summary>A native benchmark file format. Reads cases as a stream: never the whole file in memory.</summary>
public interface IBenchmarkFormat
{
    /// <summary>Format name used on the command line and in run specs (<c>mt-bench</c>, <c>xstest</c>, <c>assay-jsonl</c>).</summary>
    string Name { get; }

    /// <summary>The native name of the case id field (<c>question_id</c> for MT-Bench), used in error messages.</summary>
    string IdField { get; }

    /// <summary>Files besides the main one that this format reads when present (relative paths).</summary>
    IReadOnlyList<string> RelatedFiles { get; }

    /// <summary>Default manifest for a benchmark in this format.</summary>
    BenchmarkManifest DefaultManifest(string sourceName);

    /// <summary>
    /// Streams cases. Throws <see cref="BenchmarkFormatException"/> on the first bad record (malformed line, missing
    /// field, invalid UTF-8). Duplicate ids and empty files are checked by <see cref="BenchmarkValidator"/>.
    /// </summary>
    IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken);
}
