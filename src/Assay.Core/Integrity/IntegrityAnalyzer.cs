using System.Globalization;
using Assay.Core.Judges.Catalogue;
using Assay.Core.Reports;
using Assay.Core.Statistics;

namespace Assay.Core.Integrity;

/// <summary>
/// Streams per-case signals into the integrity checks that every judged run reports: a constant or near-identical
/// answer across prompts, answers that address the judge, the judge's position consistency, verbosity bias (length
/// against score), and the null canary's score against its bar.
/// </summary>
public sealed class IntegrityAnalyzer(IntegrityOptions options)
{
    private readonly Dictionary<string, Accumulator> targets = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    /// <param name="score">The case's primary metric, if it has one.</param>
    /// <param name="consistent">Whether a pairwise judge agreed with itself across orders, if it was pairwise.</param>
    public void Add(string target, string caseId, string fingerprint, string? judgeDirected, int answerLength, double? score, bool? consistent)
    {
        if (!targets.TryGetValue(target, out var acc))
        {
            targets[target] = acc = new Accumulator();
            order.Add(target);
        }

        acc.Answers++;
        acc.Fingerprints[fingerprint] = acc.Fingerprints.GetValueOrDefault(fingerprint) + 1;
        if (judgeDirected is not null)
        {
            acc.JudgeDirected++;
            if (acc.Examples.Count < 5)
            {
                acc.Examples.Add($"{caseId}: {judgeDirected}");
            }
        }

        if (score is { } s)
        {
            acc.Lengths.Add(answerLength);
            acc.Scores.Add(s);
        }

        if (consistent is { } c)
        {
            acc.Paired++;
            acc.Consistent += c ? 1 : 0;
        }
    }

    /// <summary>The checks, with the null canary judged by the rule of the report's judge in the catalogue.</summary>
    public IntegrityReport Build(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (canary, note) = Canary(report);
        return new IntegrityReport(order.Select(t => Check(t, targets[t])).ToList(), canary) { CanaryNote = note };
    }

    private TargetIntegrity Check(string target, Accumulator acc)
    {
        var flags = new List<string>();
        if (target == options.CanaryTarget)
        {
            // The canary is adversarial by design: its facts are kept, and it is judged by its score alone.
            return new TargetIntegrity(target, acc.Answers, Share(acc), acc.JudgeDirected, acc.Examples, Consistency(acc), null, flags);
        }

        var constantShare = Share(acc);
        if (acc.Answers >= options.MinimumCases && constantShare >= options.ConstantShare)
        {
            flags.Add($"{target}: {Percent(constantShare)} of its answers are the same text (ignoring case, digits and spacing), as a constant null model's would be.");
        }

        if (acc.JudgeDirected > 0)
        {
            flags.Add($"{target}: {acc.JudgeDirected} answer(s) address the judge or imitate its template, e.g. case {acc.Examples[0]}. Their verdicts deserve a look.");
        }

        var consistency = Consistency(acc);
        if (consistency is { } k && acc.Paired >= options.MinimumCases && k < options.PositionConsistency)
        {
            flags.Add($"{target}: the judge gave the same verdict in both orders for only {Percent(k)} of the cases: it favours a position.");
        }

        double? rho = acc.Scores.Count >= options.MinimumCases && acc.Scores.Distinct().Count() > 1 && acc.Lengths.Distinct().Count() > 1
            ? RankCorrelation.Spearman(acc.Lengths, acc.Scores)
            : null;
        if (rho is { } r && r >= options.LengthCorrelation)
        {
            flags.Add($"{target}: scores rise with answer length (Spearman ρ = {r.ToString("0.00", CultureInfo.InvariantCulture)}); the judge may reward verbosity.");
        }

        return new TargetIntegrity(target, acc.Answers, constantShare, acc.JudgeDirected, acc.Examples, consistency, rho, flags);
    }

    private (CanaryResult? Result, string? Note) Canary(EvaluationReport report)
    {
        if (JudgeCatalogue.ForRunJudge(report.Judge) is not { } judge)
        {
            return (null, $"No null canary verdict: the judge '{report.Judge}' is not in the judge catalogue.");
        }

        var rule = judge.Canary;
        if (!rule.HasCanary)
        {
            return (null, $"No null canary for {judge.Name}: {rule.NoCanaryBecause}.");
        }

        var canary = report.Targets.FirstOrDefault(t => t.Name == options.CanaryTarget);
        if (canary is null)
        {
            return (null, "No null canary in this run: it was turned off (--no-canary, or canary: false), or the run measures a judge against gold labels.");
        }

        var metric = rule.Metric == "*" ? JudgeCatalogue.PrimaryMetric(report.Judge, report.Targets.SelectMany(t => t.Metrics).Select(m => m.Name)) : rule.Metric;
        var summary = canary.Metrics.FirstOrDefault(m => m.Name == metric && m.N > 0);
        if (metric is null || summary is null)
        {
            return (null, $"The null canary got no verdict: none of its {canary.Cases} cases has a value on {metric ?? "the judge's metric"} ({canary.Unscored} unscored, {canary.Errors} errors); the reasons are in its results.");
        }

        return rule.Statistic switch
        {
            CanaryStatistic.OutrightWins => (OutrightWins(metric, rule.Bar), null),
            CanaryStatistic.BelowEveryTarget => BelowEveryTarget(report, metric, summary.Mean),
            _ => (Verdict(metric, summary.Mean, rule.Bar, $"scores {Shown(summary.Mean)} on {metric}"), null),
        };
    }

    private CanaryResult OutrightWins(string metric, double bar)
    {
        // The canary's per-case values of the primary metric: 1 only when the judge preferred it in both orders.
        var scores = targets.TryGetValue(options.CanaryTarget, out var acc) ? acc.Scores : [];
        var share = scores.Count == 0 ? 0 : scores.Count(s => s >= 1 - 1e-9) / (double)scores.Count;
        return Verdict(metric, share, bar, $"wins {Percent(share)} of its cases outright on {metric} (ties are not wins)");
    }

    private (CanaryResult? Result, string? Note) BelowEveryTarget(EvaluationReport report, string metric, double mean)
    {
        var others = report.Targets.Where(t => t.Name != options.CanaryTarget)
            .Select(t => (t.Name, Summary: t.Metrics.FirstOrDefault(m => m.Name == metric && m.N > 0)))
            .Where(t => t.Summary is not null).ToList();
        if (others.Count == 0)
        {
            return (null, $"The null canary got no verdict: {metric} is on the judge's own scale, and no other target has a value to hold it against.");
        }

        var lowest = others.MinBy(t => t.Summary!.Mean);
        var flagged = mean >= lowest.Summary!.Mean;
        var message = flagged
            ? $"The null canary, a constant answer, scores {Shown(mean)} on {metric}, not below {lowest.Name} ({Shown(lowest.Summary.Mean)}): this judge can be fooled, so read every score with care."
            : $"The null canary scores {Shown(mean)} on {metric}, below every other target (lowest: {lowest.Name}, {Shown(lowest.Summary.Mean)}).";
        return (new CanaryResult(options.CanaryTarget, metric, mean, lowest.Summary.Mean, flagged, message), null);
    }

    private CanaryResult Verdict(string metric, double value, double bar, string what)
    {
        var flagged = value > bar;
        var message = flagged
            ? $"The null canary, a constant answer, {what}, above the bar of {Shown(bar)}: this judge can be fooled, so read every score with care."
            : $"The null canary {what}, within the bar of {Shown(bar)}.";
        return new CanaryResult(options.CanaryTarget, metric, value, bar, flagged, message);
    }

    private static string Shown(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static double Share(Accumulator acc) => acc.Answers == 0 ? 0 : (double)acc.Fingerprints.Values.Max() / acc.Answers;

    private static double? Consistency(Accumulator acc) => acc.Paired == 0 ? null : (double)acc.Consistent / acc.Paired;

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    private sealed class Accumulator
    {
        public int Answers { get; set; }

        public int JudgeDirected { get; set; }

        public int Paired { get; set; }

        public int Consistent { get; set; }

        public Dictionary<string, int> Fingerprints { get; } = new(StringComparer.Ordinal);

        public List<string> Examples { get; } = [];

        public List<double> Lengths { get; } = [];

        public List<double> Scores { get; } = [];
    }
}
