using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// The content address of a response: endpoint kind, where it is served (scheme, host, port, path: the same deployment
/// or model name on two hosts can be two different models), model, the messages, every sampling parameter, the seed
/// and the sample (repeat) index. Not the endpoint's configured name nor its key: renaming an endpoint or rotating a
/// key keeps its cache. Only the hash is stored, never the inputs.
/// </summary>
internal static class CacheKey
{
    private const int Version = 1;

    /// <param name="variant">What else decides the answer for this kind (the ScoreHttp template and path).</param>
    public static string Compute(
        EndpointKind kind, Uri? baseUrl, string model, string? variant, IEnumerable<ChatMessage> messages, ChatOptions? options, int repeat)
    {
        using var hashing = new HashingBufferWriter();
        using (var json = new Utf8JsonWriter(hashing))
        {
            json.WriteStartObject();
            json.WriteNumber("v", Version);
            json.WriteString("kind", kind.ToString());
            json.WriteString("at", baseUrl is null ? null : baseUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
            json.WriteString("model", model);
            json.WriteString("variant", variant);
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                json.WriteStartArray();
                json.WriteStringValue(message.Role.Value);
                Core.LongStringConverter.WriteValue(json, MessageTexts.Of(message));
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WritePropertyName("instructions");
            Core.LongStringConverter.WriteValue(json, options?.Instructions);
            WriteNumber(json, "temperature", options?.Temperature);
            WriteNumber(json, "topP", options?.TopP);
            WriteNumber(json, "topK", options?.TopK);
            WriteNumber(json, "maxOutputTokens", options?.MaxOutputTokens);
            WriteNumber(json, "frequencyPenalty", options?.FrequencyPenalty);
            WriteNumber(json, "presencePenalty", options?.PresencePenalty);
            WriteNumber(json, "seed", options?.Seed);
            json.WriteStartArray("stop");
            foreach (var stop in options?.StopSequences ?? [])
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
            json.WriteString("responseFormat", options?.ResponseFormat switch
            {
                null => null,
                ChatResponseFormatJson { Schema: { } schema } => "json:" + schema.GetRawText(),
                ChatResponseFormatJson => "json",
                _ => "text",
            });
            json.WriteNumber("repeat", repeat);

            // Written only when asked, so every other request keeps the hash it had before log-probabilities existed.
            if (Core.Judges.Pairwise.TokenLogProbabilities.Requested(options) is { } top)
            {
                json.WriteNumber("topLogprobs", top);
            }

            json.WriteEndObject();
        }

        return hashing.HexDigest();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
