using Assay.Core.Reports;

namespace Assay.Durable.Runs;

/// <summary>
/// Chooses a run's batch size and window from its endpoints when the request leaves them open, so that every endpoint
/// can be kept at its <c>MaxConcurrency</c> without the user tuning anything (docs/performance.md).
/// <para>
/// Why these numbers. A work item is a target's batch: its generation, then its judging. Each endpoint is kept busy
/// when it has calls waiting at its gate at every moment, including the gaps a batch boundary leaves (a batch's
/// judging starts only when all of its answers are in, and each activity takes a storage round trip to dispatch).
/// The window is the work items generating at once (as many again may be judging, see <c>BatchWindow</c>), and the
/// batch size is chosen so that the window holds <see cref="Headroom"/> × the sum of its endpoints' concurrency: each
/// phase then holds several times what its endpoint serves at once. The window holds two work items per target, so
/// that targets on different endpoints run side by side; the batch size fills the rest. Every activity costs a fixed amount of CPU and storage work however many cases it holds
/// (measured: tens of milliseconds through the local runner), so fewer, larger batches are cheaper than many small
/// ones. A format's batch size is a floor (a hint), never a cap; only a small benchmark goes below it, cut into
/// <see cref="MinBatchesPerTarget"/> batches so that generation and judging still overlap.
/// </para>
/// </summary>
public static class RunPacing
{
    /// <summary>Cases generating per unit of the endpoints' summed concurrency.</summary>
    public const int Headroom = 8;

    /// <summary>The window without endpoints to go by (only built-in targets and a judge without calls), or when none is configured.</summary>
    public const int DefaultWindow = 8;

    public const int MinBatchesPerTarget = 4;

    /// <param name="cases">Cases in the benchmark.</param>
    /// <param name="hint">The format's batch size: the smallest batch chosen.</param>
    /// <param name="batchSize">The request's batch size, if it set one.</param>
    /// <param name="window">The request's window, if it set one.</param>
    /// <param name="workItemsPerBatch">Targets whose every batch is a work item (the canary and the baseline included).</param>
    /// <param name="concurrency">MaxConcurrency of each distinct endpoint the run calls (targets and judges).</param>
    /// <param name="maxBatchSize">The host's cap on the batch size.</param>
    /// <param name="maxWindow">The host's cap on the window.</param>
    public static ExecutionPace Choose(
        int cases, int hint, int? batchSize, int? window, int workItemsPerBatch, IReadOnlyCollection<int> concurrency, int maxBatchSize, int maxWindow)
    {
        ArgumentNullException.ThrowIfNull(concurrency);
        var chosenWindow = window ?? Math.Clamp(2 * Math.Max(1, workItemsPerBatch), 4, Math.Max(4, maxWindow));
        chosenWindow = Math.Min(chosenWindow, maxWindow);
        if (batchSize is { } size)
        {
            return new ExecutionPace(size, chosenWindow, Chosen: window is null);
        }

        var floor = Math.Max(1, hint);
        var demand = concurrency.Sum(c => (long)Math.Max(0, c));
        if (demand == 0)
        {
            return new ExecutionPace(Math.Min(floor, maxBatchSize), window ?? Math.Min(DefaultWindow, maxWindow), Chosen: true);
        }

        var fill = (int)Math.Min(int.MaxValue, ((Headroom * demand) + chosenWindow - 1) / chosenWindow);
        var perTarget = (int)Math.Min(int.MaxValue, ((long)Math.Max(1, cases) + MinBatchesPerTarget - 1) / MinBatchesPerTarget);
        var chosen = Math.Min(Math.Max(floor, fill), perTarget);
        return new ExecutionPace(Math.Min(chosen, maxBatchSize), chosenWindow, Chosen: true);
    }
}
