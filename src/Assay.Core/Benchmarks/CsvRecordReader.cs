using System.Runtime.CompilerServices;

namespace Assay.Core.Benchmarks;

/// <summary>
/// Streaming RFC 4180 CSV: a header row, then records whose quoted fields may hold commas, doubled quotes and
/// line breaks. Line breaks inside quotes are kept exactly as written (<c>\n</c> or <c>\r\n</c>).
/// </summary>
public static class CsvRecordReader
{
    /// <summary>
    /// Reads the records of <paramref name="stream"/>. A completely empty file yields nothing (the caller decides
    /// whether that is an error); blank lines between records are skipped.
    /// </summary>
    /// <param name="requiredColumns">Columns the header must have; a missing one is an error on line 1.</param>
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(
        Stream stream,
        string file,
        IReadOnlyList<string> requiredColumns,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = new Utf8LineReader(stream, file);
        string[]? header = null;
        while (await ReadFieldsAsync(reader, header, cancellationToken).ConfigureAwait(false) is { } next)
        {
            var (line, fields) = (next.Line, next.Fields);
            if (header is null)
            {
                header = CheckHeader(file, line, fields, requiredColumns);
                continue;
            }

            if (fields.Count != header.Length)
            {
                // A record that spans lines and has the wrong count is most often an unbalanced quote that swallowed
                // line breaks: name the line where the quote opened.
                throw next.SpanningQuote is { } opened
                    ? new BenchmarkFormatException(
                        file, opened, null,
                        $"unbalanced quote? expected {header.Length} fields as in the header, found {fields.Count} in the record that starts on line {line} and runs to line {next.LastLine}, because a quote opened on this line spans lines")
                    : new BenchmarkFormatException(file, line, null, $"expected {header.Length} fields as in the header, found {fields.Count}");
            }

            var record = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                record[header[i]] = fields[i];
            }

            yield return new CsvRecord(file, line, record);
        }
    }

    private static string[] CheckHeader(string file, long line, List<string> fields, IReadOnlyList<string> required)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in fields)
        {
            if (!seen.Add(name))
            {
                throw new BenchmarkFormatException(file, line, name, "column appears twice in the header");
            }
        }

        foreach (var name in required)
        {
            if (!seen.Contains(name))
            {
                var found = string.Join(",", fields);
                throw new BenchmarkFormatException(file, line, name, $"missing column in the header (found: {found})");
            }
        }

        return [.. fields];
    }

    /// <summary>
    /// The next non-blank record's fields, its first and last line and the line of the first quote that spans a line
    /// break (the last one), or null at the end. Every quote error names the line where the quote opened and the field (by its
    /// header column; in the header, by position).
    /// </summary>
    private static async ValueTask<(long Line, long LastLine, long? SpanningQuote, List<string> Fields)?> ReadFieldsAsync(
        Utf8LineReader reader, string[]? header, CancellationToken cancellationToken)
    {
        Utf8LineBytes? next;
        do
        {
            next = await reader.ReadLineBytesAsync(cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                return null;
            }
        }
        while (next.Value.Bytes.IsEmpty);

        var start = next.Value.Number;
        var fields = new List<string>();
        using var field = new CsvField();
        var state = new CsvParseState();
        long? spanning = null;
        while (true)
        {
            var line = next!.Value;
            if (!state.Consume(line.Bytes.Span, line.Number, fields, field, out var badColumn))
            {
                // A quote that spans lines and then closes before stray text is most often an unbalanced quote on the
                // line where it opened: name that line, and where the text went wrong.
                var problem = $"unexpected character after the closing quote of field {fields.Count + 1} at column {badColumn}";
                throw state.QuoteLine != line.Number
                    ? new BenchmarkFormatException(
                        reader.File, state.QuoteLine, FieldName(header, fields.Count),
                        $"unbalanced quote: field {fields.Count + 1} opens a quote on this line that runs to line {line.Number}, where there is an {problem}")
                    : new BenchmarkFormatException(reader.File, line.Number, FieldName(header, fields.Count), problem);
            }

            if (!state.InQuotes)
            {
                fields.Add(field.TakeString());
                return (start, line.Number, spanning, fields);
            }

            // The record continues: the line break belongs to the quoted field.
            spanning = state.QuoteLine;
            field.Append(line.Terminator == "\r\n" ? "\r\n"u8 : "\n"u8);
            if (field.Length > ReaderLimits.Current.MaxLineBytes)
            {
                throw new BenchmarkFormatException(
                    reader.File, state.QuoteLine, FieldName(header, fields.Count),
                    $"quoted field {fields.Count + 1} opened on this line is longer than {ReaderLimits.Current.MaxLineBytes} bytes ({ReaderLimits.Section}:MaxLineBytes); an unbalanced quote?");
            }

            next = await reader.ReadLineBytesAsync(cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                throw new BenchmarkFormatException(
                    reader.File, state.QuoteLine, FieldName(header, fields.Count),
                    $"unbalanced quote: unterminated quoted field {fields.Count + 1}: its quote opens on this line and the file ends at line {line.Number} (the record starts on line {start})");
            }
        }
    }

    private static string FieldName(string[]? header, int index) =>
        header is not null && index < header.Length ? header[index] : $"column {index + 1}";
}
