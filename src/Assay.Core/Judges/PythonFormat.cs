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

        // Measured first, then written once into the result: a long question is copied once, not into a builder
        // and again by ToString (issue 19: memory per MB of one case).
        var length = Fill(template, fields, []);
        return string.Create(length, (template, fields), static (output, state) => Fill(state.template, state.fields, output));
    }

    // Writes into output when it is not empty; returns the length of the result either way.
    private static int Fill(string template, IReadOnlyDictionary<string, string> fields, Span<char> output)
    {
        var write = !output.IsEmpty;
        var length = 0L;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            ReadOnlySpan<char> piece;
            if ((c == '{' || c == '}') && At(template, i + 1, c))
            {
                piece = template.AsSpan(i, 1);
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

                piece = value;
                i = close + 1;
            }
            else if (c == '}')
            {
                throw new FormatException($"Single '}}' at {i} in format template.");
            }
            else
            {
                var next = template.AsSpan(i).IndexOfAny('{', '}');
                piece = next < 0 ? template.AsSpan(i) : template.AsSpan(i, next);
                i += piece.Length;
            }

            if (write)
            {
                piece.CopyTo(output[(int)length..]);
            }

            length += piece.Length;
        }

        return length <= Array.MaxLength ? (int)length : throw new InvalidOperationException("The formatted text is longer than a string can be.");
    }

    private static bool At(string text, int index, char expected) => index < text.Length && text[index] == expected;
}
