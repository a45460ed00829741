using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assay.Core;

/// <summary>
/// Writes a long string value 16 K characters at a time. Written whole, Utf8JsonWriter first reserves room for the
/// worst case, 3 × the string's length (6 × when it needs escaping): for a 15 MB case in a batch blob, 45 MB more
/// (issue 19: memory per MB of one case). The bytes are the same either way; reading is the default.
/// </summary>
public sealed class LongStringConverter : JsonConverter<string>
{
    /// <summary>Characters per segment: small enough that the writer's room for one stays out of the large-object heap.</summary>
    public const int Segment = 16 * 1024;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => JsonText.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => WriteValue(writer, value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() ?? throw new JsonException("a property name cannot be null");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    /// <summary>One JSON string value, in segments when it is long (a surrogate pair split between two is carried over by the writer).</summary>
    public static void WriteValue(Utf8JsonWriter writer, string? value)
    {
        if (value is null || value.Length <= Segment)
        {
            writer.WriteStringValue(value); // every ordinary string: no segmenting, nothing allocated
            return;
        }

        WriteValue(writer, [value]);
    }

    /// <summary>
    /// The concatenation of <paramref name="texts"/> as one JSON string value, never joined into one string (a judge
    /// prompt made of its template's pieces and the case's own text), the writer flushed after each segment.
    /// </summary>
    public static void WriteValue(Utf8JsonWriter writer, IEnumerable<string> texts)
    {
        foreach (var _ in WriteInSteps(writer, texts))
        {
            // A writer over a stream keeps what it wrote until flushed: without this, its buffer grew to the whole text.
            writer.Flush();
        }
    }

    /// <summary>
    /// Writes the concatenation of <paramref name="texts"/> as one JSON string value, a step per segment, so a caller
    /// can move what was written on between steps (the request body does, onto the network). One short text is
    /// written whole, as WriteStringValue would.
    /// </summary>
    public static IEnumerable<bool> WriteInSteps(Utf8JsonWriter writer, IEnumerable<string> texts)
    {
        var first = true;
        foreach (var (text, final) in Segments(texts))
        {
            if (first && final)
            {
                writer.WriteStringValue(text.Span);
                yield break;
            }

            writer.WriteStringValueSegment(text.Span, final);
            first = false;
            yield return true;
        }
    }

    // The texts cut into pieces of at most Segment characters, the last one marked (there is always one, empty when
    // the texts are).
    private static IEnumerable<(ReadOnlyMemory<char> Text, bool Final)> Segments(IEnumerable<string> texts)
    {
        ReadOnlyMemory<char>? held = null;
        foreach (var text in texts)
        {
            for (var at = 0; at < text.Length; at += Segment)
            {
                if (held is { } previous)
                {
                    yield return (previous, false);
                }

                held = text.AsMemory(at, Math.Min(Segment, text.Length - at));
            }
        }

        yield return (held ?? ReadOnlyMemory<char>.Empty, true);
    }
}
