namespace Assay.Core.Benchmarks;

/// <summary>
/// Bad benchmark input. Always names the file, the 1-based line (0 when the whole file is at fault) and the field,
/// so a user can fix the file without reading code.
/// </summary>
public sealed class BenchmarkFormatException : Exception
{
    /// <summary>Longest value (an id) a message quotes, and longest problem text: a megabyte id is not echoed whole.</summary>
    public const int MaxQuotedLength = 80;

    public const int MaxProblemLength = 1000;

    public BenchmarkFormatException(string file, long line, string? field, string problem, Exception? inner = null)
        : base(Describe(file, line, field, Clip(problem, MaxProblemLength)), inner)
    {
        File = file;
        Line = line;
        Field = field;
        Problem = Clip(problem, MaxProblemLength);
    }

    public string File { get; }

    public long Line { get; }

    public string? Field { get; }

    public string Problem { get; }

    /// <summary>The value as a message may quote it: at most <paramref name="max"/> characters, with the length when cut.</summary>
    public static string Clip(string value, int max = MaxQuotedLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= max ? value : $"{value[..max]}… ({value.Length} characters)";
    }

    private static string Describe(string file, long line, string? field, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return field is null ? $"{where}: {problem}" : $"{where}: field '{field}': {problem}";
    }
}
