using System.Text;
using Microsoft.Extensions.AI;

namespace Assay.Core.Judges;

/// <summary>
/// The subset of Python's <c>str.format</c> that FastChat's judge templates use: <c>{name}</c> is replaced by a
/// keyword argument, <c>{{</c> and <c>}}</c> are literal braces. Like Python, the template is scanned once, so
/// text that is inserted (a model answer full of braces) is never interpreted.
/// </summary>
public static class PythonFormat
{
    /// <summary>
    /// The formatted text as pieces whose concatenation it is: the template's literal runs, and each field's value as
    /// the very string given. A judge prompt around a 15 MB question is then not a 30 MB copy of it (issue 19); the
    /// request writer and the cache key read the pieces in order.
    /// </summary>
    /// <exception cref="FormatException">
    /// The template has a lone brace or a field that is not in <paramref name="fields"/> (Python's ValueError and
    /// KeyError). Templates are ours, so this is a programming error, not bad model output.
    /// </exception>
    public static IReadOnlyList<string> FormatParts(string template, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(fields);

        var parts = new List<string>();
        var literal = new StringBuilder();
        foreach (var piece in Pieces(template, fields))
        {
            if (piece.Field is { } value)
            {
                Flush();
                parts.Add(value);
            }
            else
            {
                literal.Append(piece.Text.Span);
            }
        }

        Flush();
        return parts;

        void Flush()
        {
            if (literal.Length > 0)
            {
                parts.Add(literal.ToString());
                literal.Clear();
            }
        }
    }

    /// <summary>A chat message whose text (<see cref="ChatMessage.Text"/>) is the formatted text, held as <see cref="FormatParts"/>' pieces.</summary>
    /// <exception cref="FormatException">As <see cref="FormatParts"/>.</exception>
    public static ChatMessage Message(ChatRole role, string template, IReadOnlyDictionary<string, string> fields) =>
        new(role, [.. FormatParts(template, fields).Select(part => (AIContent)new TextContent(part))]);

    // The one scan of a template: literal runs (a doubled brace gives one brace) and field values, in order.
    private static IEnumerable<(ReadOnlyMemory<char> Text, string? Field)> Pieces(string template, IReadOnlyDictionary<string, string> fields)
    {
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && At(template, i + 1, c))
            {
                yield return (template.AsMemory(i, 1), null);
                i += 2;
            }
            else if (c == '{')
            {
                var close = template.IndexOf('}', i + 1);
                if (close < 0)
                {
                    throw new FormatException($"Single '{{' at {i} in format template.");
                }

                var name = template[(i + 1)..close];
                if (!fields.TryGetValue(name, out var value))
                {
                    throw new FormatException($"Template field '{{{name}}}' has no value.");
                }

                yield return (value.AsMemory(), value);
                i = close + 1;
            }
            else if (c == '}')
            {
                throw new FormatException($"Single '}}' at {i} in format template.");
            }
            else
            {
                var next = template.AsSpan(i).IndexOfAny('{', '}');
                var length = next < 0 ? template.Length - i : next;
                yield return (template.AsMemory(i, length), null);
                i += length;
            }
        }
    }

    private static bool At(string text, int index, char expected) => index < text.Length && text[index] == expected;
}
