using Microsoft.Extensions.AI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// What the cache keeps of a response: the text and what accounting needs. No request headers, no key, no URL, so an
/// entry is safe to share between runs and hosts.
/// </summary>
internal sealed record CacheEntry(string Text, string? FinishReason, string? ModelId, long? InputTokens, long? OutputTokens)
{
    public static CacheEntry From(ChatResponse response) => new(
        response.Text,
        response.FinishReason?.Value,
        response.ModelId,
        response.Usage?.InputTokenCount,
        response.Usage?.OutputTokenCount);

    public ChatResponse ToResponse() => new(new ChatMessage(ChatRole.Assistant, Text))
    {
        FinishReason = FinishReason is null ? null : new ChatFinishReason(FinishReason),
        ModelId = ModelId,
        Usage = new UsageDetails
        {
            InputTokenCount = InputTokens,
            OutputTokenCount = OutputTokens,
            TotalTokenCount = (InputTokens ?? 0) + (OutputTokens ?? 0),
        },
    };
}
