namespace Assay.Durable.Endpoints;

/// <summary>Start-up checks of one endpoint, each naming the configuration key at fault.</summary>
internal static class EndpointOptionsValidation
{
    public static IEnumerable<string> Validate(EndpointOptions o, string name)
    {
        var prefix = $"Endpoints:{name}";
        if (o.Kind is null)
        {
            yield return $"{prefix}:Kind is required ({string.Join(", ", Enum.GetNames<EndpointKind>())}).";
        }

        if (string.IsNullOrWhiteSpace(o.Model) && o.Kind is not EndpointKind.ScoreHttp)
        {
            yield return $"{prefix}:Model is required (the model or deployment name).";
        }

        if (o.BaseUrl is null && o.Kind is EndpointKind.AzureOpenAI or EndpointKind.OpenAICompatible or EndpointKind.ScoreHttp)
        {
            yield return $"{prefix}:BaseUrl is required for {o.Kind}.";
        }

        if (o.BaseUrl is { IsAbsoluteUri: false } || o.BaseUrl is { Scheme: not ("http" or "https") })
        {
            yield return $"{prefix}:BaseUrl must be an absolute http(s) URL.";
        }

        if (string.IsNullOrWhiteSpace(o.ApiKey) && o.Kind is EndpointKind.OpenAI)
        {
            yield return $"{prefix}:ApiKey is required for OpenAI.";
        }

        if (o.TokenLimitField is { } field && (o.Kind is EndpointKind.ScoreHttp || !TokenLimitField.Fields.Contains(field)))
        {
            yield return o.Kind is EndpointKind.ScoreHttp
                ? $"{prefix}:TokenLimitField applies to chat endpoints only, not ScoreHttp."
                : $"{prefix}:TokenLimitField must be {string.Join(" or ", TokenLimitField.Fields)} (was '{field}').";
        }

        if (o.Kind is EndpointKind.ScoreHttp)
        {
            if (string.IsNullOrWhiteSpace(o.RequestTemplate))
            {
                yield return $"{prefix}:RequestTemplate is required for ScoreHttp.";
            }

            if (string.IsNullOrWhiteSpace(o.ScorePath))
            {
                yield return $"{prefix}:ScorePath is required for ScoreHttp.";
            }
        }

        foreach (var (key, value, minimum) in new (string, double?, double)[]
                 {
                     ("MaxConcurrency", o.MaxConcurrency, 1),
                     ("RequestsPerMinute", o.RequestsPerMinute, 1),
                     ("TokensPerMinute", o.TokensPerMinute, 1),
                     ("MaxAttempts", o.MaxAttempts, 1),
                 })
        {
            if (value < minimum)
            {
                yield return $"{prefix}:{key} must be at least {minimum}.";
            }
        }

        foreach (var (key, value) in new (string, double?)[]
                 {
                     ("TimeoutSeconds", o.TimeoutSeconds), ("RetryBaseDelaySeconds", o.RetryBaseDelaySeconds),
                     ("RetryMaxDelaySeconds", o.RetryMaxDelaySeconds), ("InputPricePer1M", o.InputPricePer1M),
                     ("OutputPricePer1M", o.OutputPricePer1M),
                 })
        {
            if (value is < 0 || (key == "TimeoutSeconds" && value is <= 0))
            {
                yield return $"{prefix}:{key} must be {(key == "TimeoutSeconds" ? "positive" : "zero or more")}.";
            }
        }
    }
}
