using System.Buffers;
using System.ClientModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// A chat-completions request body written straight onto the request stream, long texts 16 K characters at a time.
/// The SDK serialises a request whole first, into buffers sized for the worst-case escaping (6 × a string's length),
/// so a 15 MB prompt cost hundreds of MB per call (issue 19); this costs a 64 KB buffer whatever the prompt's size.
/// Its length is counted by a first pass that keeps nothing, so the request still carries Content-Length.
/// </summary>
internal sealed class ChatRequestBody(string model, IReadOnlyList<ChatMessage> messages, ChatOptions? options, string tokenLimitField, int? topLogProbabilities)
    : BinaryContent
{
    private const int FlushAt = 64 * 1024;

    // Text as it is (no \u escapes for non-ASCII or HTML characters): smaller, and any JSON parser reads it the same.
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private long? length;

    /// <summary>The request's problem for this wire format (content other than text, tools, a response format), or null.</summary>
    public static string? Unsupported(IEnumerable<ChatMessage> messages, ChatOptions? options) =>
        messages.SelectMany(m => m.Contents).FirstOrDefault(c => c is not TextContent) is { } content
            ? $"a message carries {content.GetType().Name}; only text is sent"
            : options?.Tools is { Count: > 0 } ? "tools are not sent"
            : options?.ResponseFormat is ChatResponseFormatJson ? "a JSON response format is not sent"
            : null;

    public override bool TryComputeLength(out long length)
    {
        if (this.length is null)
        {
            var counter = new CountingWriter();
            using var json = new Utf8JsonWriter(counter, Writer);
            foreach (var _ in Write(json))
            {
                json.Flush();
            }

            json.Flush();
            this.length = counter.Count;
        }

        length = this.length.Value;
        return true;
    }

    public override void WriteTo(Stream stream, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushAt * 2);
        using var json = new Utf8JsonWriter(buffer, Writer);
        foreach (var _ in Filled(json, buffer))
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream.Write(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
        }
    }

    public override async Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushAt * 2);
        using var json = new Utf8JsonWriter(buffer, Writer);
        foreach (var _ in Filled(json, buffer))
        {
            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            buffer.ResetWrittenCount();
        }
    }

    public override void Dispose()
    {
    }

    // The moments the buffer is to go out, for the sync and the async writer alike: when it holds FlushAt bytes, and
    // at the end.
    private IEnumerable<bool> Filled(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer)
    {
        foreach (var _ in Write(json))
        {
            json.Flush();
            if (buffer.WrittenCount >= FlushAt)
            {
                yield return true;
            }
        }

        json.Flush();
        yield return true;
    }

    // The body, one step per segment of a long text: each caller moves what was written on at every step, so neither
    // the sync nor the async path ever holds more than a segment's worth (a second copy of this would drift).
    private IEnumerable<bool> Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("model", model);
        json.WriteStartArray("messages");
        if (options?.Instructions is { } instructions)
        {
            foreach (var step in Message(json, ChatRole.System.Value, [instructions]))
            {
                yield return step;
            }
        }

        foreach (var message in messages)
        {
            foreach (var step in Message(json, message.Role.Value, MessageTexts.Of(message)))
            {
                yield return step;
            }
        }

        json.WriteEndArray();
        Number(json, "temperature", options?.Temperature);
        Number(json, "top_p", options?.TopP);
        Number(json, "frequency_penalty", options?.FrequencyPenalty);
        Number(json, "presence_penalty", options?.PresencePenalty);
        if (options?.Seed is { } seed)
        {
            json.WriteNumber("seed", seed);
        }

        if (options?.StopSequences is { Count: > 0 } stops)
        {
            json.WriteStartArray("stop");
            foreach (var stop in stops)
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
        }

        if (options?.MaxOutputTokens is { } max)
        {
            json.WriteNumber(tokenLimitField, max);
        }

        if (topLogProbabilities is { } top)
        {
            json.WriteBoolean("logprobs", true);
            json.WriteNumber("top_logprobs", top);
        }

        json.WriteEndObject();
        yield return true;
    }

    // The content is the message's texts in order, written without joining them: a judge prompt arrives as its
    // template's pieces around the case's own strings.
    private static IEnumerable<bool> Message(Utf8JsonWriter json, string role, IEnumerable<string> texts)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WritePropertyName("content");
        foreach (var step in Core.LongStringConverter.WriteInSteps(json, texts))
        {
            yield return step;
        }

        json.WriteEndObject();
        yield return true;
    }

    private static void Number(Utf8JsonWriter json, string name, float? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    // Counts what would be written and keeps only the last write's room.
    private sealed class CountingWriter : IBufferWriter<byte>
    {
        private byte[] room = new byte[FlushAt];

        public long Count { get; private set; }

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Room(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Room(sizeHint);

        private byte[] Room(int sizeHint) => sizeHint <= room.Length ? room : room = new byte[sizeHint];
    }
}
