using System.Text;
using System.Text.Json;
using Assay.Core.Benchmarks;
using Assay.Functions.Intake;
using Assay.Testing;
using Azure.Storage.Blobs;

namespace Assay.Functions.Tests.Intake;

/// <summary>
/// The probe of issue 19: a 40 MB single-line JSONL upload is rejected by the intake for its line length, naming file
/// and line, without holding the line: the bytes this process allocates while it decides stay far below the upload.
/// </summary>
[Collection(AzuriteAloneCollection.Name)]
public sealed class IntakeLineCapTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public async Task A_40_MB_line_is_rejected_without_allocating_hundreds_of_megabytes()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Intake:DefaultTargets:0"] = "null",
            ["Intake:DefaultJudge"] = "refusal",
            ["Intake:MaxBenchmarkBytes"] = (64L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Readers:MaxLineBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, settings);
        var name = $"huge-{Guid.NewGuid():N}/cases.jsonl";
        var line = new StringBuilder("{\"id\":\"a\",\"turns\":[\"").Append('x', 40 * 1024 * 1024).Append("\"]}\n").ToString();
        var blob = await host.UploadAsync(name, BinaryData.FromString(line));
        line = null;
        GC.Collect();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var outcome = await host.Get<BlobIntakeService>().ProcessAsync(blob, host.Client, CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        log.WriteLine($"allocated while deciding and rejecting a 40 MB line: {allocated / (1024.0 * 1024):0.0} MB");

        Assert.Equal(IntakeDecision.Rejected, outcome.Decision);
        var rejected = host.Get<BlobServiceClient>().GetBlobContainerClient("benchmarks-rejected");
        var error = JsonDocument.Parse((await rejected.GetBlobClient(name + ".error.json").DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal(1, error.GetProperty("line").GetInt64());
        Assert.Contains("line longer than 1048576 bytes (Readers:MaxLineBytes)", error.GetProperty("problem").GetString()!, StringComparison.Ordinal);
        // The rejected copy streams the upload through (40 MB once); reading stops at the cap.
        Assert.InRange(allocated, 0, 120L * 1024 * 1024);
        ReaderLimits.Current = ReaderLimits.Default;
    }
}
