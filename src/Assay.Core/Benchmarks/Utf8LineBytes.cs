namespace Assay.Core.Benchmarks;

/// <summary>One line of a text file as its UTF-8 bytes, already checked to be valid UTF-8.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Bytes">The line without its terminator (and, on line 1, without a BOM); the reader's buffer, valid until its next read.</param>
/// <param name="Terminator"><c>"\n"</c>, <c>"\r\n"</c> or <c>""</c> for a last line without one.</param>
public readonly record struct Utf8LineBytes(long Number, ReadOnlyMemory<byte> Bytes, string Terminator);
