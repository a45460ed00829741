namespace Assay.Durable.Endpoints;

/// <summary>
/// A call that failed for good: a non-retryable answer, or the last of its attempts. The message names the cause
/// (status, timeout, unusable body) and the attempts; it never holds a key or a URL.
/// </summary>
public sealed class EndpointCallException(string message, int attempts, Exception? inner = null) : Exception(message, inner)
{
    public int Attempts { get; } = attempts;
}
