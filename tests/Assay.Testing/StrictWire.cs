namespace Assay.Testing;

/// <summary>
/// Rules a real OpenAI-compatible server may enforce on a chat request's top-level fields: reject fields it does not
/// know (as vLLM and llama.cpp builds that validate strictly do, with a 400), and require fields it needs.
/// </summary>
public sealed record StrictWire(IReadOnlySet<string>? KnownFields = null, IReadOnlyList<string>? RequiredFields = null)
{
    /// <summary>The fields of a chat request that every server in this project's tests understands.</summary>
    public static readonly IReadOnlySet<string> CommonFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "model", "messages", "temperature", "top_p", "n", "stop", "seed", "stream", "stream_options", "response_format",
        "tools", "tool_choice", "logprobs", "top_logprobs", "presence_penalty", "frequency_penalty", "user",
    };

    /// <summary>A server that knows only the older <c>max_tokens</c> and rejects <c>max_completion_tokens</c>.</summary>
    public static StrictWire MaxTokensOnly { get; } = new(Known("max_tokens"), ["max_tokens"]);

    /// <summary>A server that knows only <c>max_completion_tokens</c> (as OpenAI's reasoning models require).</summary>
    public static StrictWire MaxCompletionTokensOnly { get; } = new(Known("max_completion_tokens"), ["max_completion_tokens"]);

    /// <summary>Why a request with these fields is refused, or null.</summary>
    public string? Violation(IReadOnlyList<string> fields)
    {
        if (KnownFields is not null && fields.FirstOrDefault(f => !KnownFields.Contains(f)) is { } unknown)
        {
            return $"Extra inputs are not permitted: '{unknown}'";
        }

        return RequiredFields?.FirstOrDefault(r => !fields.Contains(r)) is { } missing ? $"Field required: '{missing}'" : null;
    }

    private static HashSet<string> Known(string tokenLimit) => [.. CommonFields, tokenLimit];
}
