namespace Assay.Durable.Endpoints;

/// <summary>
/// One named model endpoint, from configuration <c>Endpoints:{name}</c> (environment <c>Endpoints__{name}__Kind</c>, ...).
/// Endpoints are only ever named by runs, never given by URL: a request or an uploaded file cannot reach a host.
/// </summary>
public sealed class EndpointOptions
{
    public EndpointKind? Kind { get; set; }

    /// <summary>
    /// Base URL: <c>https://api.openai.com/v1</c>, <c>https://{resource}.openai.azure.com</c>, <c>http://gpu-box:8000/v1</c>;
    /// for <see cref="EndpointKind.ScoreHttp"/> the full URL the request is posted to.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The model name, or the deployment name for Azure OpenAI. Optional for ScoreHttp (part of the cache key).</summary>
    public string? Model { get; set; }

    /// <summary>A secret: never logged, never written to a blob, never part of a cache entry.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Calls in flight at once across every batch and run in this process.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Requests per minute across every batch and run in this process; unlimited when null.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Tokens (prompt estimate plus max output, reconciled with reported usage) per minute; unlimited when null.</summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>
    /// The request field that carries the output-token limit: <c>max_tokens</c> or <c>max_completion_tokens</c>.
    /// Unset, OpenAICompatible sends <c>max_tokens</c> (what vLLM, TGI, Ollama and llama.cpp servers read) and the
    /// OpenAI and AzureOpenAI kinds keep their SDK's default.
    /// </summary>
    public string? TokenLimitField { get; set; }

    /// <summary>Per-attempt timeout in seconds.</summary>
    public double TimeoutSeconds { get; set; } = 120;

    /// <summary>HTTP attempts per call, the first included, for 429, 5xx, connection errors, timeouts and unusable bodies.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First backoff; doubles per attempt, with jitter.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>Longest backoff, and longest Retry-After honoured (a longer one is capped to it).</summary>
    public double RetryMaxDelaySeconds { get; set; } = 60;

    /// <summary>Price per million prompt tokens, for the report's cost column.</summary>
    public double? InputPricePer1M { get; set; }

    /// <summary>Price per million completion tokens.</summary>
    public double? OutputPricePer1M { get; set; }

    /// <summary>
    /// ScoreHttp: the JSON body. <c>{{prompt}}</c>, <c>{{response}}</c>, <c>{{model}}</c> become JSON strings (quotes
    /// included) and <c>{{conversation}}</c> a JSON array of <c>{"role","content"}</c>.
    /// </summary>
    public string? RequestTemplate { get; set; }

    /// <summary>ScoreHttp: where the score is in the answer, e.g. <c>score</c>, <c>data[0].reward</c>, <c>$.label</c>.</summary>
    public string? ScorePath { get; set; }

    /// <summary>ScoreHttp: when the path holds a label, the label that scores 1 (any other scores 0).</summary>
    public string? PositiveLabel { get; set; }

    public IEnumerable<string> Validate(string name) => EndpointOptionsValidation.Validate(this, name);
}
