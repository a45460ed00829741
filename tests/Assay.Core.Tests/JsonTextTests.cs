using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Assay.Core.Tests;

public sealed class JsonTextTests
{
    private static readonly JsonSerializerOptions[] Writers =
        [new() { Encoder = JavaScriptEncoder.Default }, new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }];

    public static TheoryData<string> Texts => new()
    {
        "plain ascii, nothing escaped",
        "line one\nline two\r\n\ttabbed \"quoted\" back\\slash /slash \b\f end",
        "é, 中文, ελληνικά and an emoji 😀 twice 😀",
        "\u0001\u001f control characters and <html> & 'quotes'",
        "\n",
        "😀",
        "ends with an escape\n",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Decoding_gives_back_the_text_however_it_was_escaped(string text)
    {
        // Escaped every way a writer may: the default encoder (\u for non-ASCII, surrogate pairs as two escapes) and
        // the relaxed one (raw UTF-8), and by hand with lower-case hex and an escaped slash.
        foreach (var writer in Writers)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(text, writer);
            Assert.Equal(text, JsonText.Decode(json.AsSpan(1, json.Length - 2)));
        }

        var byHand = new StringBuilder();
        foreach (var c in text)
        {
            byHand.Append(c is '/' ? "\\/" : c > 127 || c < 32 || c is '"' or '\\' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        Assert.Equal(text, JsonText.Decode(Encoding.UTF8.GetBytes(byHand.ToString())));
    }

    [Theory]
    [InlineData(@"\ud83d")]
    [InlineData(@"\ud83d and text")]
    [InlineData(@"\ude00 alone")]
    [InlineData(@"\ud83d\u0041")]
    [InlineData(@"\ud83d\ud83d")]
    public void An_escaped_surrogate_without_its_pair_fails_as_System_Text_Json_does(string content)
    {
        var json = Encoding.UTF8.GetBytes($"\"{content}\"");
        var reader = new Utf8JsonReader(json);
        reader.Read();
        try
        {
            reader.GetString();
            Assert.Fail("System.Text.Json accepted it");
        }
        catch (InvalidOperationException)
        {
        }

        Assert.Throws<InvalidOperationException>(() => JsonText.Decode(json.AsSpan(1, json.Length - 2)));
    }

    [Fact]
    public void A_long_value_read_from_an_element_or_a_reader_equals_System_Text_Jsons_reading()
    {
        var text = string.Concat(Enumerable.Repeat("a line of text, \"quoted\", é 😀\n", (JsonText.LongAbove / 30) + 10));
        var json = JsonSerializer.SerializeToUtf8Bytes(new { turns = new[] { text } });
        using var document = JsonDocument.Parse(json);
        var element = document.RootElement.GetProperty("turns")[0];

        Assert.Equal(element.GetString(), JsonText.Read(element));

        var reader = new Utf8JsonReader(json);
        while (reader.TokenType != JsonTokenType.String)
        {
            reader.Read();
        }

        Assert.True(reader.ValueSpan.Length > JsonText.LongAbove);
        Assert.Equal(text, JsonText.Read(ref reader));
        Assert.Null(JsonText.Read(JsonDocument.Parse("null").RootElement));
        Assert.Throws<InvalidOperationException>(() => JsonText.Read(JsonDocument.Parse("1").RootElement));
    }
}
