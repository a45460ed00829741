using Assay.Core.Judges;
using Assay.Core.Judges.Ensembles;
using Assay.Core.Reports;
using Assay.Core.Statistics;

namespace Assay.Core.Tests.Reports;

public sealed class EnsembleAccumulatorTests
{
    private static readonly string[] Members = ["a", "b", "c"];

    // Case id, votes of a, b, c, label. Ids sort numerically (2 before 10), whatever order they arrive in.
    private static readonly (string Id, int?[] Votes, int Gold)[] Stream =
    [
        ("1", [1, 0, 0], 1),
        ("2", [1, 0, 1], 0),
        ("10", [0, null, 1], 1),
        ("11", [1, 1, 0], 1),
    ];

    [Fact]
    public void Replays_the_labelled_cases_in_case_id_order_whatever_order_they_arrive_in()
    {
        var forward = Build(Stream);
        var backward = Build(Stream.Reverse());

        Assert.Equal(ReportJson.Serialize(Report(forward)), ReportJson.Serialize(Report(backward)));
        var target = Assert.Single(forward.Targets);
        Assert.Equal((4, Math.Log(2)), (target.LabelledCases, target.LearningRate));

        // The same stream as HedgeTests' worked example: online predictions 0, 1, 0, 1 against labels 1, 0, 1, 1.
        Assert.Equal(new EnsembleAgreement("hedge", 4, 3, 0.25, Agreement.CohenKappa([0, 1, 0, 1], [1, 0, 1, 1])), target.Hedge);
        Assert.Equal(2 / 7.0, target.FinalWeights[0], 12);
        Assert.Equal(new EnsembleAgreement("a", 4, 2, 0.5, Agreement.CohenKappa([1, 1, 0, 1], [1, 0, 1, 1])), target.Members[0]);
        Assert.Equal((3, 1), (target.Members[1].N, target.Members[1].Mistakes)); // b did not vote on case 10
        // Majority per case (stored by the judge): 0, 1, tie (no verdict), 1 → wrong on cases 1 and 2.
        Assert.Equal((3, 2), (target.Majority.N, target.Majority.Mistakes));
    }

    [Fact]
    public void Unlabelled_and_errored_cases_are_not_in_the_stream_and_no_labels_means_no_section()
    {
        var accumulator = new EnsembleAccumulator("majority", Members);
        accumulator.Add(Result("1", [1, 0, 0], null));
        Assert.Null(accumulator.Build());

        accumulator.Add(Result("2", [1, 1, 0], 1) with { Status = CaseStatus.Error });
        accumulator.Add(Result("3", [1, 1, 0], 1));
        var target = Assert.Single(accumulator.Build()!.Targets);
        Assert.Equal(1, target.LabelledCases);
        Assert.Equal(Hedge.DefaultLearningRate(3, 1), target.LearningRate);
    }

    [Fact]
    public void Markdown_and_html_show_each_rater_and_the_weight_trajectory()
    {
        var report = Report(Build(Stream));

        var markdown = MarkdownReportRenderer.Render(report);
        Assert.Contains("## Judge ensemble (hedge) against the labels", markdown, StringComparison.Ordinal);
        Assert.Contains("| a | 4 | 2 | 50.0% |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ensemble: Hedge (online) | 4 | 3 | 25.0% |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 4 | 0.286 | 0.571 | 0.143 |", markdown, StringComparison.Ordinal);

        var html = HtmlReportRenderer.Render(report);
        Assert.Contains("<h2>Judge ensemble (hedge) against the labels</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>4</td><td>0.286</td><td>0.571</td><td>0.143</td></tr>", html, StringComparison.Ordinal);
    }

    private static EnsembleSection Build(IEnumerable<(string Id, int?[] Votes, int Gold)> stream)
    {
        var accumulator = new EnsembleAccumulator("hedge", Members, Math.Log(2));
        foreach (var (id, votes, gold) in stream)
        {
            accumulator.Add(Result(id, votes, gold));
        }

        return accumulator.Build()!;
    }

    private static CaseResult Result(string id, int?[] votes, int? gold)
    {
        var scores = Members.Select((m, i) => new MetricScore(EnsembleMetrics.Vote(m), votes[i])).ToList();
        var ones = votes.Count(v => v == 1);
        var zeros = votes.Count(v => v == 0);
        scores.Add(new MetricScore(EnsembleMetrics.Majority, ones == zeros ? null : ones > zeros ? 1 : 0));
        if (gold is { } g)
        {
            scores.Add(new MetricScore(EnsembleMetrics.Gold, g));
        }

        return new CaseResult { CaseId = id, Target = "t", Judge = "ensemble", Status = CaseStatus.Scored, Scores = scores };
    }

    private static EvaluationReport Report(EnsembleSection section) =>
        new() { RunId = "r", Benchmark = "b", Judge = "ensemble", Targets = [], Ensemble = section };
}
