namespace Assay.Durable.Endpoints;

/// <summary>A 200 whose body cannot be used (not JSON, no choices, no score at the configured path).</summary>
public sealed class UnusableResponseException(string message, Exception? inner = null) : Exception(message, inner);
