namespace Assay.Core.Benchmarks;

/// <summary>
/// Where a benchmark's files are read from: a local folder or a blob container. Formats that span several
/// files (MT-Bench questions plus <c>reference_answer/gpt-4.jsonl</c>) open siblings by relative path.
/// </summary>
public interface IBenchmarkSource
{
    /// <summary>The name used in error messages, e.g. <c>mt_bench/question.jsonl</c>.</summary>
    string Name { get; }

    Task<Stream> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Opens a file next to this one, or returns null when it does not exist.</summary>
    Task<Stream?> OpenRelativeAsync(string relativePath, CancellationToken cancellationToken);

    /// <summary>The name of a sibling file for error messages.</summary>
    string RelativeName(string relativePath);
}
