using Assay.Core.Benchmarks;

namespace Assay.Core.Targets;

/// <summary>A file format of published model answers ("recorded targets").</summary>
public interface IRecordedAnswerFormat
{
    /// <summary>Format name: <c>mt-bench-answers</c>, <c>xstest-completions</c>.</summary>
    string Name { get; }

    /// <summary>The field that holds the case id, named in duplicate-id errors.</summary>
    string IdField { get; }

    /// <summary>Streams the answers. Throws <see cref="BenchmarkFormatException"/> on the first bad record.</summary>
    IAsyncEnumerable<RecordedAnswer> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken);

    /// <summary>The answering model's name as the file name gives it (<c>gpt-4</c>, <c>gpt4</c>), or null.</summary>
    string? ModelName(IBenchmarkSource source);
}
