using System.Globalization;
using System.Text;

namespace Assay.Core.Reports;

/// <summary>
/// <c>report.md</c>: a summary table (one row per target) and a per-category table per target, each metric shown as
/// "mean [low, high]". Metrics whose every mean and bound lies in [0, 1] are rates (refusal, over-refusal) and are
/// shown as percentages; others (MT-Bench 1-10 scores) with two decimals.
/// </summary>
public static class MarkdownReportRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var metricNames = report.Targets
            .SelectMany(t => t.Metrics.Select(m => m.Name))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var scales = metricNames.ToDictionary(name => name, name => MetricScale.For(report, name), StringComparer.Ordinal);

        var md = new StringBuilder();
        md.Append(Invariant, $"# {Escape(report.Benchmark)}: run {Escape(report.RunId)}\n\n");
        md.Append(Invariant, $"Judge: {Escape(report.Judge)}. Created: {report.CreatedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC. ");
        md.Append("Each metric: mean [95 % bootstrap interval] over the cases that have a value.\n\n");

        md.Append("## Summary\n\n");
        AppendHeader(md, "target", metricNames);
        foreach (var target in report.Targets)
        {
            AppendRow(md, target.Name, target.Cases, target.Scored, target.Unscored, target.Errors, target.Metrics, metricNames, scales);
        }

        ErrorCauseSections.AppendMarkdown(md, report);
        AppendPairwise(md, report.Pairwise);
        ArenaMarkdown.Append(md, report.Arena);
        AppendJudgeAgreement(md, report.JudgeAgreement);
        VariantSections.AppendMarkdown(md, report);
        AppendRewardBench(md, report.RewardBench);
        MarkdownEnsembleTable.Append(md, report.Ensemble);
        AppendChecks(md, report);
        MarkdownUsageTable.Append(md, report.Endpoints, report.Pace);

        md.Append("\n## Categories\n");
        foreach (var target in report.Targets)
        {
            md.Append(Invariant, $"\n### {Escape(target.Name)}\n\n");
            AppendHeader(md, "category", metricNames);
            foreach (var category in target.Categories)
            {
                AppendRow(md, category.Name, category.Cases, category.Scored, category.Unscored, category.Errors, category.Metrics, metricNames, scales);
            }
        }

        return md.ToString();
    }

    private static void AppendJudgeAgreement(StringBuilder md, JudgeEval.JudgeAgreementResult? agreement)
    {
        if (agreement is null)
        {
            return;
        }

        md.Append("\n## Judge agreement with the gold labels\n\n| subset | pairs | with a verdict | agreement | Cohen's κ |\n|---|---:|---:|---:|---:|\n");
        foreach (var s in agreement.Subsets.Append(agreement.Overall))
        {
            var rate = s.Agreement is { } a ? string.Create(Invariant, $"{a * 100:0.0}%") : "n/a";
            var kappa = s.CohenKappa is { } k ? k.ToString("0.000", Invariant) : "n/a";
            md.Append(Invariant, $"| {Escape(s.Subset)} | {s.Pairs} | {s.Scored} | {rate} | {kappa} |\n");
        }
    }

    private static void AppendRewardBench(StringBuilder md, JudgeEval.RewardBenchResult? rewardBench)
    {
        if (rewardBench is null)
        {
            return;
        }

        md.Append("\n## RewardBench accuracy (chosen preferred; a tie counts 0.5)\n\n| section | score |\n|---|---:|\n");
        foreach (var (section, score) in rewardBench.Sections)
        {
            md.Append(Invariant, $"| {Escape(section)} | {score * 100:0.0}% |\n");
        }

        md.Append(Invariant, $"| **overall** | {(rewardBench.Score is { } all ? string.Create(Invariant, $"{all * 100:0.0}%") : "n/a")} |\n");
        md.Append("\n| subset | pairs | with a verdict | accuracy |\n|---|---:|---:|---:|\n");
        foreach (var s in rewardBench.Subsets)
        {
            var accuracy = s.Accuracy is { } a ? string.Create(Invariant, $"{a * 100:0.0}%") : "n/a";
            md.Append(Invariant, $"| {Escape(s.Subset)} | {s.Pairs} | {s.Scored} | {accuracy} |\n");
        }
    }

    private static void AppendPairwise(StringBuilder md, PairwiseSection? pairwise)
    {
        if (pairwise is null)
        {
            return;
        }

        md.Append(Invariant, $"\n## Against the baseline {Escape(pairwise.Baseline)}\n\n");
        md.Append(Invariant, $"LC win rate: AlpacaEval's `{pairwise.LengthControl}`.\n\n");
        md.Append("| target | wins | ties | losses | win rate | LC win rate | Bradley-Terry score [95 % CI] | position consistency |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var t in pairwise.Targets)
        {
            var lc = t.LengthControlledWinRate is { } v ? string.Create(Invariant, $"{v:0.0}%{(t.LengthSensitive ? " ⚠" : string.Empty)}") : "n/a";
            var consistency = t.PositionConsistency is { } c ? string.Create(Invariant, $"{c * 100:0.0}%") : "n/a";
            md.Append(Invariant, $"| {Escape(t.Target)} | {t.Wins} | {t.Ties} | {t.Losses} | {t.WinRate * 100:0.0}% | {lc} | {t.BtScore:0.0} [{t.BtLow:0.0}, {t.BtHigh:0.0}] | {consistency} |\n");
        }
    }

    /// <summary>The integrity checks and comparisons in plain words, first what needs a look.</summary>
    private static void AppendChecks(StringBuilder md, EvaluationReport report)
    {
        var notes = ReportChecks.Describe(report).ToList();
        md.Append("\n## What to check\n\n");
        foreach (var (warning, text) in notes)
        {
            md.Append(warning ? "- ⚠ " : "- ").Append(text.ReplaceLineEndings(" ")).Append('\n');
        }
    }

    /// <summary>Makes a name safe inside a table cell or heading: no column breaks, no line breaks.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
    }

    private static void AppendHeader(StringBuilder md, string first, List<string> metricNames)
    {
        md.Append(Invariant, $"| {first} | cases | scored | unscored | errors |");
        foreach (var name in metricNames)
        {
            md.Append(Invariant, $" {Escape(name)} |");
        }

        md.Append("\n|---|---:|---:|---:|---:|");
        md.Append(string.Concat(Enumerable.Repeat("---:|", metricNames.Count)));
        md.Append('\n');
    }

    private static void AppendRow(
        StringBuilder md,
        string name,
        int cases,
        int scored,
        int unscored,
        int errors,
        IReadOnlyList<MetricSummary> metrics,
        IReadOnlyList<string> metricNames,
        Dictionary<string, MetricScale> scales)
    {
        md.Append(Invariant, $"| {Escape(name)} | {cases} | {scored} | {unscored} | {errors} |");
        foreach (var metric in metricNames)
        {
            var summary = metrics.FirstOrDefault(m => m.Name == metric);
            md.Append(' ').Append(scales[metric].Format(summary)).Append(" |");
        }

        md.Append('\n');
    }
}
