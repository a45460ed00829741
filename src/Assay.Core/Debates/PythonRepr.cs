using System.Globalization;
using System.Text;

namespace Assay.Core.Debates;

/// <summary>
/// Python 3's <c>repr</c> of the few shapes LOGICOM puts into prompts: strings, one-entry dicts, and tuples of a dict's
/// items. LOGICOM sends <c>str(...)</c> of its memory to the helper and the moderator, so this is what they saw.
/// </summary>
public static class PythonRepr
{
    /// <summary><c>repr(text)</c>: single quotes unless the text has a single quote and no double quote.</summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value == '\\' || value == quote)
            {
                builder.Append('\\').Append((char)value);
            }
            else if (value is '\n' or '\r' or '\t')
            {
                builder.Append(value switch { '\n' => "\\n", '\r' => "\\r", _ => "\\t" });
            }
            else if (IsPrintable(rune))
            {
                builder.Append(rune.ToString());
            }
            else
            {
                builder.Append(value switch
                {
                    < 0x100 => $"\\x{value:x2}",
                    < 0x10000 => $"\\u{value:x4}",
                    _ => $"\\U{value:x8}",
                });
            }
        }

        return builder.Append(quote).ToString();
    }

    /// <summary><c>str({key: value})</c>.</summary>
    public static string Dict(string key, string value) => $"{{{Text(key)}: {Text(value)}}}";

    /// <summary><c>str(tuple({key: value}.items()))</c>: a one-element tuple of one pair.</summary>
    public static string ItemsTuple(string key, string value) => $"(({Text(key)}, {Text(value)}),)";

    /// <summary><c>str([{k1: v1}, {k2: v2}, ...])</c>.</summary>
    public static string DictList(IEnumerable<(string Key, string Value)> entries) =>
        "[" + string.Join(", ", entries.Select(e => Dict(e.Key, e.Value))) + "]";

    // Python's str.isprintable: everything but the "Other" and "Separator" categories, except the plain space.
    private static bool IsPrintable(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }
}
