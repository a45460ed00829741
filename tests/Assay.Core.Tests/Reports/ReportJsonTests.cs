using System.Text.Json;
using Assay.Core.Reports;

namespace Assay.Core.Tests.Reports;

public sealed class ReportJsonTests
{
    [Fact]
    public void Round_trips_a_report()
    {
        var builder = new ReportBuilder("run-1", "mt_bench", "mt-bench", ReportFixtures.CreatedAt, bootstrapRounds: 200);
        foreach (var result in ReportFixtures.Results())
        {
            builder.Add(result);
        }

        var report = builder.Build();
        var json = ReportJson.Serialize(report);
        var back = ReportJson.Deserialize(json);

        Assert.Contains("\"runId\": \"run-1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ciLow\":", json, StringComparison.Ordinal);
        Assert.Equal(json, ReportJson.Serialize(back));
        Assert.Equal(report.Targets[0].Metrics, back.Targets[0].Metrics);
        Assert.Equal(report.CreatedAt, back.CreatedAt);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{\"runId\": \"x\"}")]
    [InlineData("{not json")]
    public void Rejects_what_is_not_a_report(string json)
    {
        Assert.ThrowsAny<JsonException>(() => ReportJson.Deserialize(json));
    }
}
