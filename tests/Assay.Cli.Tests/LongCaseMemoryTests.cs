using System.Globalization;
using System.Text;
using System.Text.Json;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// Issue 19: the memory a run needs grows with the size of one case by a small multiple of it. The built CLI, its own
/// process, runs one 10 MB case (prose with a line break after each sentence, as a real prompt has) with its GC heap
/// capped (<c>DOTNET_GCHeapHardLimit</c>), so a copy of the case too many fails the run with OutOfMemoryException
/// rather than raising a peak no test looks at. Not a timing: the cap holds or it does not.
/// </summary>
/// <remarks>
/// Measured on 2026-12-07 (the JSON Lines case): a tiny case runs in a 32 MB heap, this one in 60 MB and not in 56 MB,
/// about 3 MB of heap per MB of case (its UTF-8 line while it is parsed, then its UTF-16 string); the CSV case also
/// runs in 60 MB. The commit before needed 96 MB for the JSON Lines case (it failed at 72 MB and at 88 MB), and the
/// CSV case failed at 88 MB: the cap of 72 MB is 4 MB per MB of case over the tiny one.
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class LongCaseMemoryTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private const int CaseMegabytes = 10;
    private const int HeapMegabytes = 32 + (4 * CaseMegabytes);

    private readonly string work = Directory.CreateTempSubdirectory("assay-long-case-").FullName;

    [Theory]
    [InlineData("assay-jsonl")]
    [InlineData("advbench")]
    public async Task A_10_MB_case_is_scored_by_the_target_and_the_canary_with_the_heap_capped_at_4_MB_per_MB_of_case(string format)
    {
        await using var model = await SimulatedEndpointProcess.StartAsync(SimulatedBehaviour.Always("A short answer."));
        await using var judge = await SimulatedEndpointProcess.StartAsync(SimulatedBehaviour.Always("Rating: [[7]]"));
        var config = BuiltCli.Config(work, cacheEnabled: false, ("local-model", model), ("local-judge", judge));
        var text = new StringBuilder("Summarise this text.\n");
        while (text.Length < CaseMegabytes * 1_000_000)
        {
            text.Append("The quick brown fox jumps over the lazy dog and keeps running through the long field.\n");
        }

        // JSON Lines: one line, its line breaks escaped. CSV (AdvBench's columns): one quoted field over 115,000 lines.
        var benchmark = Path.Combine(work, format == "advbench" ? "harmful_behaviors.csv" : "long.jsonl");
        await File.WriteAllTextAsync(benchmark, format == "advbench"
            ? $"goal,target\n\"{text.ToString().Replace("\"", "\"\"", StringComparison.Ordinal)}\",\"Sure, here is\"\n"
            : JsonSerializer.Serialize(new { id = "long", category = "writing", turns = new[] { text.ToString() } }) + "\n");
        var runId = BuiltCli.RunId("long-case");

        var heap = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = ((long)HeapMegabytes << 20).ToString("X", CultureInfo.InvariantCulture) };
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            [
                "run", "--benchmark", benchmark, "--format", format, "--target", "local-model", "--judge", "mt-bench:local-judge",
                "--config", config, "--storage", azurite.ConnectionString, "--run-id", runId, "--out", work,
            ],
            BuiltCli.Timeout,
            heap);
        log.WriteLine(stderr);
        Assert.True(exit == 0, $"assay run exited {exit} with its heap capped at {HeapMegabytes} MB\n{stderr}\n{stdout}");

        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(work, runId, "report.json")));
        Assert.Equal(2, report.Targets.Count);
        Assert.All(report.Targets, t => Assert.True(t is { Cases: 1, Errors: 0 } && t.Scored == 1, $"{t.Name}: {t.Scored} scored, {t.Errors} errors"));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
