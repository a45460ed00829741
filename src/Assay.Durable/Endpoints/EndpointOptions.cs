namespace Assay.Durable.Endpoints;

/// <summary>
/// One named model endpoint, from configuration <c>Endpoints:{name}</c> (environment <c>Endpoints__{name}__Kind</c>, ...).
/// Endpoints are only ever named by runs, never given by URL: a request or an uploaded file cannot reach a host.
/// </summary>
public sealed class EndpointOptions
{
    public EndpointKind? Kind { get; set; }

    /// <summary>Base URL: <c>https://api.openai.com/v1</c>, <c>https://{resource}.openai.azure.com</c>, <c>http://gpu-box:8000/v1</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The model name, or the deployment name for Azure OpenAI.</summary>
    public string? Model { get; set; }

    /// <summary>A secret: never logged, never written to a blob.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Calls in flight at once across every batch and run in this process.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Per-call timeout in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    public IEnumerable<string> Validate(string name)
    {
        var prefix = $"Endpoints:{name}";
        if (Kind is null)
        {
            yield return $"{prefix}:Kind is required ({string.Join(", ", Enum.GetNames<EndpointKind>())}).";
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return $"{prefix}:Model is required (the model or deployment name).";
        }

        if (BaseUrl is null && Kind is EndpointKind.AzureOpenAI or EndpointKind.OpenAICompatible)
        {
            yield return $"{prefix}:BaseUrl is required for {Kind}.";
        }

        if (BaseUrl is { IsAbsoluteUri: false } || BaseUrl is { Scheme: not ("http" or "https") })
        {
            yield return $"{prefix}:BaseUrl must be an absolute http(s) URL.";
        }

        if (string.IsNullOrWhiteSpace(ApiKey) && Kind is EndpointKind.OpenAI)
        {
            yield return $"{prefix}:ApiKey is required for OpenAI.";
        }

        if (MaxConcurrency < 1)
        {
            yield return $"{prefix}:MaxConcurrency must be at least 1.";
        }

        if (TimeoutSeconds < 1)
        {
            yield return $"{prefix}:TimeoutSeconds must be at least 1.";
        }
    }
}
