using System.Globalization;
using System.Text;

namespace Assay.Core.Reports;

/// <summary>The report.html section of a judge ensemble: agreement with the labels, then Hedge's weights.</summary>
internal static class HtmlEnsembleTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Append(StringBuilder html, EnsembleSection? ensemble)
    {
        if (ensemble is null)
        {
            return;
        }

        html.Append($"<h2>Judge ensemble ({Html.Escape(ensemble.Rule)}) against the labels</h2>");
        foreach (var t in ensemble.Targets)
        {
            html.Append(Invariant, $"<h3>{Html.Escape(t.Target)}: {t.LabelledCases} labelled cases, Hedge η = {t.LearningRate:0.0000}</h3>");
            html.Append("<table><thead><tr><th>rater</th><th>with a verdict</th><th>mistakes</th><th>accuracy</th><th>Cohen's κ</th><th>final Hedge weight</th></tr></thead><tbody>");
            for (var i = 0; i < t.Members.Count; i++)
            {
                Row(html, t.Members[i], t.FinalWeights[i].ToString("0.000", Invariant));
            }

            Row(html, t.Majority with { Name = "ensemble: majority" }, string.Empty);
            Row(html, t.Hedge with { Name = "ensemble: Hedge (online)" }, string.Empty);
            html.Append("</tbody></table><table><thead><tr><th>Hedge weights after case</th>");
            foreach (var member in ensemble.Members)
            {
                html.Append($"<th>{Html.Escape(member)}</th>");
            }

            html.Append("</tr></thead><tbody>");
            foreach (var snapshot in t.Trajectory)
            {
                html.Append(Invariant, $"<tr><td>{snapshot.Step}</td>");
                foreach (var weight in snapshot.Weights)
                {
                    html.Append(Invariant, $"<td>{weight:0.000}</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table>");
        }
    }

    private static void Row(StringBuilder html, EnsembleAgreement a, string weight)
    {
        var accuracy = a.Accuracy is { } v ? (v * 100).ToString("0.0", Invariant) + "%" : "n/a";
        var kappa = a.Kappa is { } k ? k.ToString("0.000", Invariant) : "n/a";
        html.Append(Invariant, $"<tr><td>{Html.Escape(a.Name)}</td><td>{a.N}</td><td>{a.Mistakes}</td><td>{accuracy}</td><td>{kappa}</td><td>{weight}</td></tr>");
    }
}
