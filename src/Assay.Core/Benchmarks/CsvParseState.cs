using System.Text;

namespace Assay.Core.Benchmarks;

/// <summary>Character-level CSV state carried across the physical lines of one record.</summary>
internal sealed class CsvParseState
{
    private bool fieldStart = true;
    private bool afterClosingQuote;

    public bool InQuotes { get; private set; }

    /// <summary>The line where the quoted field open now, or the one last closed, opened (0: none yet).</summary>
    public long QuoteLine { get; private set; }

    /// <summary>
    /// Consumes one physical line, as UTF-8 (the characters that matter, quote and comma, are ASCII, and never occur
    /// inside a multi-byte sequence). Completed fields go to <paramref name="fields"/>; the field in progress stays in
    /// <paramref name="field"/>. Returns false (with a 1-based column, in characters) on text after a closing quote.
    /// </summary>
    public bool Consume(ReadOnlySpan<byte> text, long lineNumber, List<string> fields, CsvField field, out int badColumn)
    {
        badColumn = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (InQuotes)
            {
                var quote = text[i..].IndexOf((byte)'"');
                if (quote < 0)
                {
                    field.Append(text[i..]);
                    break;
                }

                field.Append(text.Slice(i, quote));
                i += quote;
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append("\""u8);
                    i += 2;
                }
                else
                {
                    InQuotes = false;
                    afterClosingQuote = true;
                    i++;
                }

                continue;
            }

            if (text[i] == ',')
            {
                fields.Add(field.TakeString());
                fieldStart = true;
                afterClosingQuote = false;
                i++;
                continue;
            }

            if (afterClosingQuote)
            {
                badColumn = Encoding.UTF8.GetCharCount(text[..i]) + 1;
                return false;
            }

            if (text[i] == '"' && fieldStart)
            {
                InQuotes = true;
                QuoteLine = lineNumber;
                fieldStart = false;
                i++;
                continue;
            }

            // Up to the next comma. A quote inside an unquoted field is not RFC 4180, but common enough in hand-made
            // files to keep as text.
            var comma = text[i..].IndexOf((byte)',');
            var run = comma < 0 ? text[i..] : text.Slice(i, comma);
            field.Append(run);
            fieldStart = false;
            i += run.Length;
        }

        return true;
    }
}
