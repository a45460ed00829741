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
    /// Consumes one physical line. Completed fields go to <paramref name="fields"/>; the field in progress stays in
    /// <paramref name="field"/>. Returns false (with a 1-based column) on text after a closing quote.
    /// </summary>
    public bool Consume(string text, long lineNumber, List<string> fields, StringBuilder field, out int badColumn)
    {
        badColumn = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (InQuotes)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    InQuotes = false;
                    afterClosingQuote = true;
                }

                continue;
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStart = true;
                afterClosingQuote = false;
                continue;
            }

            if (afterClosingQuote)
            {
                badColumn = i + 1;
                return false;
            }

            if (c == '"' && fieldStart)
            {
                InQuotes = true;
                QuoteLine = lineNumber;
                fieldStart = false;
                continue;
            }

            // A quote inside an unquoted field is not RFC 4180, but common enough in hand-made files to keep as text.
            field.Append(c);
            fieldStart = false;
        }

        return true;
    }
}
