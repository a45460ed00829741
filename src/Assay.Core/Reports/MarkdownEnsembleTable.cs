using System.Globalization;
using System.Text;

namespace Assay.Core.Reports;

/// <summary>The report.md section of a judge ensemble: agreement with the labels, then Hedge's weights.</summary>
internal static class MarkdownEnsembleTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Append(StringBuilder md, EnsembleSection? ensemble)
    {
        if (ensemble is null)
        {
            return;
        }

        md.Append(Invariant, $"\n## Judge ensemble ({Escape(ensemble.Rule)}) against the labels\n");
        foreach (var t in ensemble.Targets)
        {
            md.Append(Invariant, $"\n### {Escape(t.Target)}: {t.LabelledCases} labelled cases, Hedge η = {t.LearningRate:0.0000}, order: {t.Order}\n\n");
            md.Append("| rater | with a verdict | mistakes | accuracy | Cohen's κ | final Hedge weight |\n|---|---:|---:|---:|---:|---:|\n");
            for (var i = 0; i < t.Members.Count; i++)
            {
                Row(md, t.Members[i], t.FinalWeights[i].ToString("0.000", Invariant));
            }

            Row(md, t.Majority with { Name = "ensemble: majority" }, string.Empty);
            Row(md, t.Hedge with { Name = "ensemble: Hedge (online)" }, string.Empty);
            md.Append("\n| Hedge weights after case | ").Append(string.Join(" | ", ensemble.Members.Select(Escape))).Append(" |\n|---:|")
                .Append(string.Concat(Enumerable.Repeat("---:|", ensemble.Members.Count))).Append('\n');
            foreach (var snapshot in t.Trajectory)
            {
                md.Append(Invariant, $"| {snapshot.Step} | ").Append(string.Join(" | ", snapshot.Weights.Select(w => w.ToString("0.000", Invariant)))).Append(" |\n");
            }
        }
    }

    private static void Row(StringBuilder md, EnsembleAgreement a, string weight)
    {
        var accuracy = a.Accuracy is { } v ? string.Create(Invariant, $"{v * 100:0.0}%") : "n/a";
        var kappa = a.Kappa is { } k ? k.ToString("0.000", Invariant) : "n/a";
        md.Append(Invariant, $"| {Escape(a.Name)} | {a.N} | {a.Mistakes} | {accuracy} | {kappa} | {weight} |\n");
    }

    private static string Escape(string text) => MarkdownReportRenderer.Escape(text);
}
