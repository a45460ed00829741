namespace Assay.Core.Reports;

/// <summary>How a run was cut up: the batch size and the window (batches generating at once), and where they came from.</summary>
/// <param name="BatchSize">Cases per batch.</param>
/// <param name="Window">Work items (a target's batch: generate, then judge) generating at once; twice as many may be generating or judging.</param>
/// <param name="Chosen">True when the run chose them from its endpoints' concurrency; false when the request set both.</param>
public sealed record ExecutionPace(int BatchSize, int Window, bool Chosen)
{
    /// <summary>One sentence for the Markdown and HTML reports.</summary>
    public string Describe() => FormattableString.Invariant(
        $"Batches of {BatchSize} cases, {Window} generating at once and up to {2 * Window} generating or judging: {(Chosen ? "chosen from the endpoints' MaxConcurrency (--batch-size and --max-in-flight override)" : "as the run asked")}.");
}
