using Microsoft.Extensions.AI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// What the cache keeps of a response: the text and what accounting needs. No request headers, no key, no URL, so an
/// entry is safe to share between runs and hosts.
/// </summary>
internal sealed record CacheEntry(string Text, string? FinishReason, string? ModelId, long? InputTokens, long? OutputTokens)
{
    /// <summary>The token log-probabilities a judge asked for (JSON text, see TokenLogProbabilities), when any.</summary>
    public string? TokenLogProbs { get; init; }

    public static CacheEntry From(ChatResponse response) => new(
        response.Text,
        response.FinishReason?.Value,
        response.ModelId,
        response.Usage?.InputTokenCount,
        response.Usage?.OutputTokenCount)
    {
        TokenLogProbs = response.AdditionalProperties?.TryGetValue(Core.Judges.Pairwise.TokenLogProbabilities.ResponseKey, out var value) == true ? value as string : null,
    };

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
        AdditionalProperties = TokenLogProbs is null ? null : new() { [Core.Judges.Pairwise.TokenLogProbabilities.ResponseKey] = TokenLogProbs },
    };
}
