namespace Assay.Core.Benchmarks;

/// <summary>
/// Bad benchmark input. Always names the file, the 1-based line (0 when the whole file is at fault) and the field,
/// so a user can fix the file without reading code.
/// </summary>
public sealed class BenchmarkFormatException : Exception
{
    public BenchmarkFormatException(string file, long line, string? field, string problem, Exception? inner = null)
        : base(Describe(file, line, field, problem), inner)
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    public string File { get; }

    public long Line { get; }

    public string? Field { get; }

    public string Problem { get; }

    private static string Describe(string file, long line, string? field, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return field is null ? $"{where}: {problem}" : $"{where}: field '{field}': {problem}";
    }
}
