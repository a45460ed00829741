namespace Assay.Core.Benchmarks;

/// <summary>One CSV record, keyed by the header's column names.</summary>
/// <param name="File">File name for error messages.</param>
/// <param name="Line">1-based line on which the record starts (a quoted field may span several lines).</param>
/// <param name="Fields">Column name to raw field value, in header order.</param>
public sealed record CsvRecord(string File, long Line, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The value of a column the reader was told to require; never missing.</summary>
    public string this[string column] => Fields[column];

    /// <summary>The value, or null when the column is absent or the field is empty.</summary>
    public string? NonEmpty(string column) =>
        Fields.TryGetValue(column, out var value) && value.Length > 0 ? value : null;

    /// <summary>The value; an empty field is an error naming the column.</summary>
    public string RequiredNonEmpty(string column)
    {
        if (!Fields.TryGetValue(column, out var value))
        {
            throw Error(column, "missing column");
        }

        return value.Length > 0 ? value : throw Error(column, "must not be empty");
    }

    public BenchmarkFormatException Error(string? column, string problem) => new(File, Line, column, problem);
}
