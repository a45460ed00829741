namespace Assay.Durable.Endpoints;

/// <summary>
/// The field a chat request's output-token limit is sent under. OpenAI reads <c>max_completion_tokens</c> (its reasoning
/// models require it); many OpenAI-compatible servers (vLLM, TGI, Ollama, llama.cpp, depending on version) read only
/// <c>max_tokens</c>, so a limit under the other name is ignored and a judge runs unbounded.
/// </summary>
internal static class TokenLimitField
{
    public const string MaxTokens = "max_tokens";
    public const string MaxCompletionTokens = "max_completion_tokens";

    public static readonly IReadOnlyList<string> Fields = [MaxTokens, MaxCompletionTokens];

    /// <summary>
    /// An endpoint's <c>TokenLimitField</c>, else <c>max_tokens</c> for OpenAI-compatible servers and
    /// <c>max_completion_tokens</c> for OpenAI and Azure OpenAI (what their SDKs send).
    /// </summary>
    public static string For(EndpointOptions endpoint) =>
        endpoint.TokenLimitField ?? (endpoint.Kind is EndpointKind.OpenAICompatible ? MaxTokens : MaxCompletionTokens);
}
