using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assay.Durable.Endpoints;

/// <summary>
/// Sends a chat request's output-token limit under the field the server reads. The OpenAI SDK writes
/// <c>max_completion_tokens</c>; many OpenAI-compatible servers (vLLM, TGI, Ollama, llama.cpp, depending on version)
/// read only <c>max_tokens</c>, so a limit under the other name is ignored and a judge runs unbounded.
/// </summary>
internal sealed class TokenLimitFieldPolicy(string field) : PipelinePolicy
{
    public const string MaxTokens = "max_tokens";
    public const string MaxCompletionTokens = "max_completion_tokens";

    public static readonly IReadOnlyList<string> Fields = [MaxTokens, MaxCompletionTokens];

    /// <summary>The field an endpoint sends: its <c>TokenLimitField</c>, else <c>max_tokens</c> for OpenAI-compatible servers, else null (the SDK's own).</summary>
    public static string? FieldFor(EndpointOptions endpoint) =>
        endpoint.TokenLimitField ?? (endpoint.Kind is EndpointKind.OpenAICompatible ? MaxTokens : null);

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Rewrite(message.Request);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Rewrite(message.Request);
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
    }

    private void Rewrite(PipelineRequest request)
    {
        if (request.Content is not { } content)
        {
            return;
        }

        // Looked for before anything is copied: a request without a limit is left alone.
        using (var scan = new TokenLimitScan())
        {
            content.WriteTo(scan);
            if (!scan.Found)
            {
                return;
            }
        }

        // Sized from the content's own length: a long prompt's body is copied once, not grown by doubling.
        using var buffer = new MemoryStream(content.TryComputeLength(out var length) && length <= Array.MaxLength ? (int)length : 0);
        content.WriteTo(buffer);
        var body = buffer.GetBuffer();
        var bytes = body.AsSpan(0, (int)buffer.Length);
        if (bytes.IndexOf("\"max_"u8) < 0)
        {
            return; // no limit in this request: leave its bytes alone
        }

        if (SingleLimit(bytes) is { } single)
        {
            // Renamed in place, every other byte as the SDK wrote it: no parse into a tree and no re-escaping of a
            // long prompt (issue 19: System.Text.Json rents 6 x a string's length to escape it).
            if (!single.Null && !bytes[single.Start..single.End].SequenceEqual(Quoted(field)))
            {
                request.Content = BinaryContent.Create(Rename(body, bytes.Length, single.Start, single.End, field));
            }

            return;
        }

        RewriteTree(request, bytes);
    }

    // Two limits, or none at the top level: the general path.
    private void RewriteTree(PipelineRequest request, ReadOnlySpan<byte> bytes)
    {
        if (JsonNode.Parse(bytes) is not JsonObject body)
        {
            return;
        }

        JsonNode? limit = null;
        foreach (var name in Fields)
        {
            if (body.Remove(name, out var value) && value is not null)
            {
                limit = value;
            }
        }

        if (limit is null)
        {
            return;
        }

        body[field] = limit;
        request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
    }

    // Where the one top-level limit property's quoted name is, and whether its value is null; null when the body has
    // none or more than one (or is not an object).
    private static (int Start, int End, bool Null)? SingleLimit(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        (int Start, int End, bool Null)? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isLimit = reader.ValueTextEquals(MaxTokens) || reader.ValueTextEquals(MaxCompletionTokens);
            var start = (int)reader.TokenStartIndex; // the opening quote
            var end = start + reader.ValueSpan.Length + 2;
            reader.Read();
            if (isLimit)
            {
                if (found is not null)
                {
                    return null;
                }

                found = (start, end, reader.TokenType == JsonTokenType.Null);
            }

            reader.Skip();
        }

        return found;
    }

    private static byte[] Quoted(string name) => System.Text.Encoding.UTF8.GetBytes($"\"{name}\"");

    // A shorter name (the usual case: max_completion_tokens to max_tokens) is written over the copy already made;
    // only a longer one needs another.
    private static BinaryData Rename(byte[] body, int length, int start, int end, string name)
    {
        var quoted = Quoted(name);
        var renamedLength = length - (end - start) + quoted.Length;
        var renamed = renamedLength <= length ? body : new byte[renamedLength];
        body.AsSpan(end, length - end).CopyTo(renamed.AsSpan(start + quoted.Length)); // overlapping copies are safe
        body.AsSpan(0, start).CopyTo(renamed);
        quoted.CopyTo(renamed.AsSpan(start));
        return new BinaryData(renamed.AsMemory(0, renamedLength));
    }
}
