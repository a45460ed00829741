namespace Assay.Core.Reports;

/// <summary>How a run was cut up: the batch size and the window (batches in flight), and where they came from.</summary>
/// <param name="BatchSize">Cases per batch.</param>
/// <param name="Window">Work items (a target's batch: generate, then judge) in flight at once.</param>
/// <param name="Chosen">True when the run chose them from its endpoints' concurrency; false when the request set both.</param>
public sealed record ExecutionPace(int BatchSize, int Window, bool Chosen)
{
    /// <summary>One sentence for the Markdown and HTML reports.</summary>
    public string Describe() => FormattableString.Invariant(
        $"Batches of {BatchSize} cases, {Window} in flight: {(Chosen ? "chosen from the endpoints' MaxConcurrency (--batch-size and --max-in-flight override)" : "as the run asked")}.");
}
