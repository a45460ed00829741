using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assay.Durable.Endpoints;
using Microsoft.Extensions.AI;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>The cache key hashes a long text in segments without holding it serialised: the same hash as whole (existing caches stay valid).</summary>
public sealed class HashingBufferWriterTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(16 * 1024)]
    [InlineData(100_000)]
    public void A_text_written_in_segments_hashes_as_the_whole_serialised_value(int length)
    {
        // Quotes, backslashes, HTML characters, control characters, non-ASCII, and a surrogate pair across the 16 K boundary.
        var text = new StringBuilder();
        var pieces = new[] { "plain words ", "\"quoted\" ", "back\\slash ", "<b>&'</b> ", "tab\tnew\nline ", "naïve café ", "\u0001" };
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(pieces[i % pieces.Length]);
        }

        var value = text.ToString(0, length);
        if (length > 16 * 1024)
        {
            value = value[..(16 * 1024 - 1)] + "😀" + value[(16 * 1024 + 1)..];
        }

        using var whole = new MemoryStream();
        using (var json = new Utf8JsonWriter(whole))
        {
            json.WriteStartArray();
            json.WriteStringValue(value);
            json.WriteNullValue();
            json.WriteEndArray();
        }

        using var hashing = new HashingBufferWriter();
        using (var json = new Utf8JsonWriter(hashing))
        {
            json.WriteStartArray();
            Assay.Core.LongStringConverter.WriteValue(json, value);
            Assay.Core.LongStringConverter.WriteValue(json, (string?)null);
            json.WriteEndArray();
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(whole.ToArray())), hashing.HexDigest());
    }

    [Fact]
    public void The_cache_key_of_a_long_prompt_is_the_one_the_whole_serialisation_gives()
    {
        var prompt = string.Concat(Enumerable.Repeat("Ask \"this\" – 1 < 2 & ü\n", 5_000));
        var key = CacheKey.Compute(EndpointKind.OpenAICompatible, new Uri("http://127.0.0.1:1/v1"), "m", null, [new ChatMessage(ChatRole.User, prompt)], new ChatOptions { Temperature = 0 }, 0);

        using var whole = new MemoryStream();
        using (var json = new Utf8JsonWriter(whole))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("kind", nameof(EndpointKind.OpenAICompatible));
            json.WriteString("at", "http://127.0.0.1:1/v1");
            json.WriteString("model", "m");
            json.WriteString("variant", (string?)null);
            json.WriteStartArray("messages");
            json.WriteStartArray();
            json.WriteStringValue("user");
            json.WriteStringValue(prompt);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteString("instructions", (string?)null);
            json.WriteNumber("temperature", 0.0);
            foreach (var name in (string[])["topP", "topK", "maxOutputTokens", "frequencyPenalty", "presencePenalty", "seed"])
            {
                json.WriteNull(name);
            }

            json.WriteStartArray("stop");
            json.WriteEndArray();
            json.WriteString("responseFormat", (string?)null);
            json.WriteNumber("repeat", 0);
            json.WriteEndObject();
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(whole.ToArray())), key);
    }

    [Fact]
    public void A_prompt_held_as_pieces_has_the_key_of_the_same_prompt_held_whole()
    {
        var question = string.Concat(Enumerable.Repeat("Ask \"this\" – 1 < 2 & ü\n", 5_000)) + "\ud83d";
        string[] pieces = ["[Question]\n", question, "\ude00\n\n[Answer]\n", string.Empty, "short"];
        EndpointKind kind = EndpointKind.OpenAICompatible;
        var at = new Uri("http://127.0.0.1:1/v1");

        var whole = CacheKey.Compute(kind, at, "m", null, [new ChatMessage(ChatRole.User, string.Concat(pieces))], null, 0);
        var inPieces = CacheKey.Compute(kind, at, "m", null, [new ChatMessage(ChatRole.User, [.. pieces.Select(p => (AIContent)new TextContent(p))])], null, 0);

        Assert.Equal(whole, inPieces);
    }
}
