namespace Assay.Core.Benchmarks;

/// <summary>One decoded line of a text file.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Text">The line without its terminator.</param>
/// <param name="Terminator">
/// <c>"\n"</c>, <c>"\r\n"</c> or <c>""</c> for a last line without one. Kept so that CSV fields spanning lines
/// are rebuilt byte for byte.
/// </param>
public readonly record struct Utf8Line(long Number, string Text, string Terminator);
