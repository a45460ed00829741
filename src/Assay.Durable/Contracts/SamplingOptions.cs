using Microsoft.Extensions.AI;

namespace Assay.Durable.Contracts;

/// <summary>
/// How a target is sampled. Null fields leave the endpoint's default. With <see cref="Repeats"/> &gt; 1 each case is
/// asked that many times (the sample index is part of the cache key, and the seed, when set, is offset by it so the
/// samples differ); the report averages a case's samples and records the variance between them.
/// </summary>
public sealed record SamplingOptions(
    float? Temperature = null,
    int? MaxTokens = null,
    long? Seed = null,
    IReadOnlyList<string>? Stop = null,
    int Repeats = 1)
{
    public ChatOptions? ToChatOptions(int repeat)
    {
        if (Temperature is null && MaxTokens is null && Seed is null && Stop is not { Count: > 0 })
        {
            return null;
        }

        return new ChatOptions
        {
            Temperature = Temperature,
            MaxOutputTokens = MaxTokens,
            Seed = Seed is { } seed ? seed + repeat : null,
            StopSequences = Stop is { Count: > 0 } ? Stop.ToList() : null,
        };
    }

    /// <summary>The problem with these options, or null.</summary>
    public string? Check() => Repeats < 1 ? "repeats must be at least 1"
        : MaxTokens is < 1 ? "max tokens must be at least 1"
        : Temperature is < 0 or > 2 ? "temperature must be in [0, 2]"
        : null;
}
