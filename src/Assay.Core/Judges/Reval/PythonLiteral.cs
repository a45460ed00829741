using System.Globalization;
using System.Text;

namespace Assay.Core.Judges.Reval;

/// <summary>
/// Compares Python literals as written, without evaluating anything: whitespace outside strings is ignored, a string
/// may use either quote, and two floats match within 1e-6 (REval's tolerance). Types stay apart: 9 is not 9.0.
/// </summary>
public static class PythonLiteral
{
    public static bool Matches(string answer, string expected)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(expected);
        var a = Normalise(answer);
        var b = Normalise(expected);
        if (a == b)
        {
            return true;
        }

        return IsFloat(a) && IsFloat(b)
            && double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            && Math.Abs(x - y) < 1e-6;
    }

    /// <summary>The literal with whitespace outside strings removed and every string in single quotes.</summary>
    public static string Normalise(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        var text = literal.Trim().Trim('`').Trim();
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var end = ClosingQuote(text, i);
                var content = text[(i + 1)..end];
                result.Append(c == '"' && !content.Contains('\'', StringComparison.Ordinal) ? $"'{content}'" : text[i..Math.Min(end + 1, text.Length)]);
                i = end;
            }
            else if (!char.IsWhiteSpace(c))
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>The position of the first top-level ';' (outside strings), or -1.</summary>
    public static int TopLevelSemicolon(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\'' or '"')
            {
                i = ClosingQuote(text, i);
            }
            else if (text[i] == ';')
            {
                return i;
            }
        }

        return -1;
    }

    private static int ClosingQuote(string text, int open)
    {
        for (var j = open + 1; j < text.Length; j++)
        {
            if (text[j] == '\\')
            {
                j++;
            }
            else if (text[j] == text[open])
            {
                return j;
            }
        }

        return text.Length; // unterminated: the rest is the string
    }

    private static bool IsFloat(string text) =>
        text.Length > 0 && (char.IsDigit(text[0]) || text[0] == '-' || text[0] == '.')
        && (text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.OrdinalIgnoreCase));
}
