using Assay.Core.Judges;
using Assay.Core.Reports;
using Assay.Core.Taxonomies;

namespace Assay.Core.Tests.Reports;

/// <summary>Trust breakdowns account for every case: a case without a trust tag is shown as untagged, not dropped.</summary>
public sealed class UntaggedBreakdownTests
{
    [Fact]
    public void Cases_without_a_trust_tag_are_counted_as_untagged_once_some_case_is_tagged()
    {
        var builder = new ReportBuilder("run", "bench", "refusal", ReportFixtures.CreatedAt, bootstrapRounds: 50);
        builder.Add(Result("1", 1, (CaseGroups.Trust, "safety"), (CaseGroups.TrustSubcategory, "safety/violence")));
        builder.Add(Result("2", 0, (CaseGroups.Trust, "safety"), (CaseGroups.TrustSubcategory, "safety/violence")));
        builder.Add(Result("3", 1, ("level", "2")));
        builder.Add(Result("4", 0));

        var target = Assert.Single(builder.Build().Targets);

        var trust = target.Breakdowns!.Single(b => b.Key == CaseGroups.Trust).Values;
        Assert.Equal([("safety", 2, 0.5), ("untagged", 2, 0.5)], trust.Select(v => (v.Name, v.Cases, v.Metrics.Single().Mean)));
        Assert.Equal(target.Cases, trust.Sum(v => v.Cases));
        Assert.Equal(["safety/violence", "untagged"], target.Breakdowns!.Single(b => b.Key == CaseGroups.TrustSubcategory).Values.Select(v => v.Name));
        // Other breakdowns are unchanged: only the cases that have the field.
        Assert.Equal([("2", 1)], target.Breakdowns!.Single(b => b.Key == "level").Values.Select(v => (v.Name, v.Cases)));
    }

    [Fact]
    public void A_benchmark_without_trust_tags_gets_no_trust_breakdown()
    {
        var builder = new ReportBuilder("run", "bench", "refusal", ReportFixtures.CreatedAt, bootstrapRounds: 50);
        builder.Add(Result("1", 1, ("level", "1")));

        Assert.DoesNotContain(Assert.Single(builder.Build().Targets).Breakdowns!, b => b.Key is CaseGroups.Trust or CaseGroups.TrustSubcategory);
    }

    private static CaseResult Result(string id, double refusal, params (string Key, string Value)[] groups) =>
        ReportFixtures.Result(id, "m", null, CaseStatus.Scored, ("refusal", refusal)) with
        {
            Groups = groups.Length == 0 ? null : groups.Select(g => new CaseGroup(g.Key, g.Value)).ToList(),
        };
}
