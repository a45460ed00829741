namespace Assay.Core.Judges.Rubrics;

/// <summary>A rubric file that cannot be used, naming the file, the line and the field (header key or <c>template</c>).</summary>
public sealed class RubricFormatException(string file, int line, string? field, string problem)
    : Exception(field is null ? $"{file}:{line}: {problem}" : $"{file}:{line}: field '{field}': {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string? Field { get; } = field;
}
