using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assay.Core.Tests;

/// <summary>Long strings are written in segments (issue 19), byte for byte what writing them whole gives.</summary>
public sealed class LongStringConverterTests
{
    // AssayJson's options without the converter.
    private static readonly JsonSerializerOptions Whole = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private sealed record Holder(string Id, string? Text, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> Turns);

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(16 * 1024)]
    [InlineData(16 * 1024 + 1)]
    [InlineData(200_003)]
    public void A_record_with_a_long_text_serialises_as_it_would_whole_and_reads_back(int length)
    {
        var text = Text(length);
        var holder = new Holder("c1", text, new Dictionary<string, string> { ["k\"ey"] = text, ["b"] = "x" }, [text, "short"]);
        Assert.Contains(AssayJson.Options.Converters, c => c is LongStringConverter);
        var written = JsonSerializer.SerializeToUtf8Bytes(holder, AssayJson.Options);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(holder, Whole), written);
        var back = JsonSerializer.Deserialize<Holder>(written, AssayJson.Options)!;
        Assert.Equal(text, back.Text);
        Assert.Equal(text, back.Labels["k\"ey"]);
        Assert.Equal([text, "short"], back.Turns);
        Assert.Null(JsonSerializer.Deserialize<Holder>(JsonSerializer.Serialize(holder with { Text = null }, AssayJson.Options), AssayJson.Options)!.Text);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(3, 0, 4)]
    [InlineData(16 * 1024, 1, 16 * 1024)]
    [InlineData(40_000, 16 * 1024 + 1, 5)]
    public void Texts_written_as_one_value_give_the_bytes_of_their_concatenation(int first, int second, int third)
    {
        // The first text ends in a high surrogate whose low half starts the next one.
        var texts = new[] { Text(first) + "\ud83d", "\ude00" + Text(second), Text(third) };

        Assert.Equal(Written(w => w.WriteStringValue(string.Concat(texts))), Written(w => LongStringConverter.WriteValue(w, texts)));
        Assert.Equal(Written(w => w.WriteStringValue(string.Empty)), Written(w => LongStringConverter.WriteValue(w, Array.Empty<string>())));
    }

    private static byte[] Written(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            write(json);
            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    // Escapes, non-ASCII and a surrogate pair across the 16 K segment boundary.
    private static string Text(int length)
    {
        var chars = new char[length];
        const string alphabet = "ab \"c\\d\n\té<>&ü";
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[i % alphabet.Length];
        }

        if (length > 16 * 1024 + 1)
        {
            chars[(16 * 1024) - 1] = '\ud83d';
            chars[16 * 1024] = '\ude00';
        }

        return new string(chars);
    }
}
