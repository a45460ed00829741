namespace Assay.Durable.Endpoints;

/// <summary>An HTTP failure of a non-SDK endpoint (ScoreHttp), with what the retry layer needs to classify it.</summary>
public sealed class EndpointHttpException(int status, TimeSpan? retryAfter, string message) : Exception(message)
{
    /// <summary>HTTP status; 0 when no response arrived.</summary>
    public int Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
