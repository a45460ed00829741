using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// The suite's small soak: at least four landed SIGKILLs over two runs (each run's last one after aggregation began), each followed by
/// the same command. The 30-kill soak is <c>bench/Assay.Bench kill-soak</c> (docs/local-runtime.md has its figures).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class KillSoakTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-soak-").FullName;

    [Fact]
    public async Task Killed_runs_finish_with_the_uninterrupted_report_and_duplicates_within_what_was_in_flight()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var result = await KillSoak.RunAsync(azurite.ConnectionString, work, runs: 2, kills: 4, seed: 19, log.WriteLine, timeout.Token);
        log.WriteLine(result.Describe());

        Assert.Empty(result.Mismatches);
        Assert.Equal(0, result.LostCases);
        Assert.True(result.Kills.Count >= 4, result.Describe()); // only kills that found the CLI running count
        // Each run's last kill waits for "[aggregate]"; the CLI may go from judging to done between two progress polls
        // without printing it, and that kill then finds it exited (missed, passed on to the next run).
        Assert.True(result.KillsInAggregation >= 1, result.Describe());
        Assert.Equal(0, result.Unexplained); // every duplicate was in flight at a kill
        Assert.InRange(result.Duplicates, 0, result.OpenAtKills + result.AnsweredNotStored);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
