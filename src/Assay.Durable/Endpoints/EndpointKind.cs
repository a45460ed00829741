namespace Assay.Durable.Endpoints;

public enum EndpointKind
{
    /// <summary>api.openai.com or any endpoint speaking its wire format with a key.</summary>
    OpenAI,

    /// <summary>Azure OpenAI: a deployment, reached with an API key or, without one, DefaultAzureCredential.</summary>
    AzureOpenAI,

    /// <summary>vLLM, TGI, Ollama, llama.cpp servers: OpenAI wire format at a configured base URL, key optional.</summary>
    OpenAICompatible,

    /// <summary>
    /// A reward model or classifier that is not a chat model: a JSON request built from a template, a number or label
    /// read from the answer at a JSON path. Used by the <c>reward</c> judge.
    /// </summary>
    ScoreHttp,
}
