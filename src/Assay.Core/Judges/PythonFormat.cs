using System.Text;

namespace Assay.Core.Judges;

/// <summary>
/// The subset of Python's <c>str.format</c> that FastChat's judge templates use: <c>{name}</c> is replaced by a
/// keyword argument, <c>{{</c> and <c>}}</c> are literal braces. Like Python, the template is scanned once, so
/// text that is inserted (a model answer full of braces) is never interpreted.
/// </summary>
public static class PythonFormat
{
    /// <exception cref="FormatException">
    /// The template has a lone brace or a field that is not in <paramref name="fields"/> (Python's ValueError and
    /// KeyError). Templates are ours, so this is a programming error, not bad model output.
    /// </exception>
    public static string Format(string template, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(fields);
        var output = new StringBuilder(template.Length + EstimateInsertedLength(fields));
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && At(template, i + 1, '{'))
            {
                output.Append('{');
                i += 2;
            }
            else if (c == '}' && At(template, i + 1, '}'))
            {
                output.Append('}');
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

                output.Append(value);
                i = close + 1;
            }
            else if (c == '}')
            {
                throw new FormatException($"Single '}}' at {i} in format template.");
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        return output.ToString();
    }

    private static bool At(string text, int index, char expected) => index < text.Length && text[index] == expected;

    private static int EstimateInsertedLength(IReadOnlyDictionary<string, string> fields)
    {
        var total = 0L;
        foreach (var value in fields.Values)
        {
            total += value.Length;
        }

        return (int)Math.Min(total, 1 << 20);
    }
}
