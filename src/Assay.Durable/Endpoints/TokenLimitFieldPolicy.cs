using System.ClientModel;
using System.ClientModel.Primitives;
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

        using var buffer = new MemoryStream();
        content.WriteTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.IndexOf("\"max_"u8) < 0 || JsonNode.Parse(bytes) is not JsonObject body)
        {
            return; // no limit in this request: leave its bytes alone
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
}
