using System.Globalization;
using Assay.Cli.Local;
using Assay.Testing;

namespace Assay.Bench;

/// <summary>
/// The 30-kill soak of issue 19: <c>kill-soak [--runs 6] [--kills 30] [--seed 19]</c>. Random SIGKILLs of the built
/// <c>assay run</c> over several MT-Bench runs (the last kill of each run after aggregation began), each followed by
/// the same command, with more runs while fewer than <c>--kills</c> have landed. Prints counts (and the wall time, as a
/// note only); exit 1 when fewer kills landed than asked, a run's report differs from the uninterrupted run's, a case
/// was lost, or a duplicate call was not in flight at a kill.
/// </summary>
internal static class KillSoakBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Option(args, "--runs", 6);
        var kills = Option(args, "--kills", 30);
        var seed = Option(args, "--seed", 19);
        var work = Directory.CreateTempSubdirectory("assay-kill-soak-").FullName;
        try
        {
            await using var azurite = await AzuriteProcess.StartAsync(Path.Combine(work, "azurite"), CancellationToken.None);
            var wall = System.Diagnostics.Stopwatch.StartNew();
            var result = await KillSoak.RunAsync(azurite.ConnectionString, work, runs, kills, seed, Console.Error.WriteLine, CancellationToken.None);
            Console.WriteLine(result.Describe());
            var inFlight = result.OpenAtKills + result.AnsweredNotStored;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"duplicates per landed kill {(double)result.Duplicates / Math.Max(1, result.Kills.Count):0.##}, in flight per landed kill {(double)inFlight / Math.Max(1, result.Kills.Count):0.##}; wall {wall.Elapsed.TotalMinutes:0.#} min (a correctness soak, not a timing)"));
            foreach (var kill in result.Kills)
            {
                Console.WriteLine($"  {kill.RunId} {(kill.InAggregation ? "aggregation" : "random")}: in flight {kill.Open} open + {kill.AnsweredNotStored} answered not stored, duplicates {kill.Duplicates} ({kill.DuplicatesAnswered} of them answered before the kill, {kill.DuplicatesAnsweredOver500Ms} of those more than 500 ms before)");
            }

            var passed = result.Mismatches.Count == 0 && result.LostCases == 0 && result.Kills.Count >= kills && result.Unexplained == 0 && result.Duplicates <= inFlight;
            Console.WriteLine(passed ? "PASS" : "FAIL");
            return passed ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
