using System.Globalization;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;

namespace Assay.Cli;

/// <summary>
/// The live progress line of a run: cases done of total (from judged batches: each target's share of the benchmark),
/// endpoint calls per second and call errors in this process, and the ETA from the pace of judged batches so far.
/// </summary>
internal sealed class RunRate
{
    private readonly TimeProvider time;
    private readonly Func<(long Calls, long Errors)> counters;
    private readonly (long Calls, long Errors) start;
    private readonly DateTimeOffset started;
    private (DateTimeOffset At, int Judged)? firstJudged;

    /// <param name="counters">Calls and errors so far; the process's <see cref="EndpointCallCounter"/> by default.</param>
    public RunRate(TimeProvider time, Func<(long Calls, long Errors)>? counters = null)
    {
        this.time = time;
        this.counters = counters ?? (() => (EndpointCallCounter.Calls, EndpointCallCounter.Errors));
        start = this.counters();
        started = time.GetUtcNow();
    }

    public string Describe(RunProgress s)
    {
        var now = time.GetUtcNow();
        var (calls, errors) = counters();
        var elapsed = (now - started).TotalSeconds;
        var perSecond = elapsed > 0 ? (calls - start.Calls) / elapsed : 0;
        var done = s.WorkItems == 0 ? 0 : (int)Math.Round((double)s.Cases * s.Judged / s.WorkItems);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{s.Phase}] cases {done}/{s.Cases}, {perSecond:F1} calls/s, {errors - start.Errors} errors, ETA {Eta(s, now)}{Pace(s)}");
    }

    /// <summary>The batch size and window the run uses (chosen from the endpoints unless set), once it has planned.</summary>
    internal static string Pace(RunProgress s) => s.BatchSize > 0
        ? string.Create(CultureInfo.InvariantCulture, $"; batches of {s.BatchSize}, {s.Window} generating at once")
        : string.Empty;

    // The pace is measured from the first judged batch this process saw, so a resumed run's earlier batches do not
    // make the pace look faster than it is.
    private string Eta(RunProgress s, DateTimeOffset now)
    {
        if (s.Phase is not "evaluate" || s.WorkItems == 0)
        {
            return s.Phase is "plan" ? "-" : "0s";
        }

        firstJudged ??= s.Judged > 0 ? (now, s.Judged) : null;
        if (firstJudged is not { } first || s.Judged <= first.Judged)
        {
            return "-";
        }

        var perBatch = (now - first.At).TotalSeconds / (s.Judged - first.Judged);
        return Format(TimeSpan.FromSeconds(perBatch * (s.WorkItems - s.Judged)));
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:D2}m")
        : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}m{t.Seconds:D2}s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)t.TotalSeconds)}s");
}
