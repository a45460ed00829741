using System.Globalization;
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

    /// <summary>The checks, with the canary judged on <paramref name="primaryMetric"/> of the finished report.</summary>
    public IntegrityReport Build(EvaluationReport report, string primaryMetric) => new(
        order.Select(t => Check(t, targets[t])).ToList(),
        Canary(report, primaryMetric));

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

    private CanaryResult? Canary(EvaluationReport report, string metric)
    {
        var summary = report.Targets.FirstOrDefault(t => t.Name == options.CanaryTarget)?.Metrics.FirstOrDefault(m => m.Name == metric && m.N > 0);
        if (summary is null)
        {
            return null;
        }

        var bar = options.CanaryBars.GetValueOrDefault(metric, options.DefaultCanaryBar);
        var flagged = summary.Mean > bar;
        var mean = summary.Mean.ToString("0.###", CultureInfo.InvariantCulture);
        var message = flagged
            ? $"The null canary, a constant answer, scores {mean} on {metric}, above the bar of {bar.ToString(CultureInfo.InvariantCulture)}: this judge can be fooled, so read every score with care."
            : $"The null canary scores {mean} on {metric}, within the bar of {bar.ToString(CultureInfo.InvariantCulture)}.";
        return new CanaryResult(options.CanaryTarget, metric, summary.Mean, bar, flagged, message);
    }

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
