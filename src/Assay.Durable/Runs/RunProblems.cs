namespace Assay.Durable.Runs;

/// <summary>The problems <see cref="RunSpecValidator"/> has found so far, each with its field.</summary>
internal sealed class RunProblems(IReadOnlyList<string> knownEndpoints)
{
    public List<RunSpecError> Errors { get; } = [];

    /// <summary>True when some problem is an endpoint name that is not configured.</summary>
    public bool UnknownEndpoint { get; set; }

    /// <summary>The configured endpoints, as a message lists them.</summary>
    public string Known => knownEndpoints.Count == 0 ? "none are configured" : "known: " + string.Join(", ", knownEndpoints);

    public void Add(string field, string problem) => Errors.Add(new RunSpecError(field, problem));

    public bool Has(string field) => Errors.Exists(e => e.Field == field);
}
