using Assay.Durable.Contracts;

namespace Assay.Durable.Runs;

/// <summary>The outcome of validating a run spec: the request to start, or every problem found.</summary>
public sealed record RunSpecValidation(RunRequest? Request, IReadOnlyList<RunSpecError> Errors, IReadOnlyList<string> KnownEndpoints)
{
    public bool IsValid => Request is not null && Errors.Count == 0;

    /// <summary>True when some error is an endpoint name that is not configured.</summary>
    public bool HasUnknownEndpoint { get; init; }
}
