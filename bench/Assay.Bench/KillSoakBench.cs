using System.Globalization;
using Assay.Cli.Local;
using Assay.Testing;

namespace Assay.Bench;

/// <summary>
/// The 30-kill soak of issue 19: <c>kill-soak [--runs 6] [--kills 30] [--seed 19]</c>. Random SIGKILLs of the built
/// <c>assay run</c> over several MT-Bench runs (the last kill of each run after aggregation began), each followed by
/// the same command. Prints counts, never times; exit 1 when a run's report differs from the uninterrupted run's,
/// a case was lost, or the duplicate calls exceed what was in flight at the kills.
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
            var result = await KillSoak.RunAsync(azurite.ConnectionString, work, runs, kills, seed, Console.Error.WriteLine, CancellationToken.None);
            Console.WriteLine(result.Describe());
            var bound = result.OpenAtKills + result.AnsweredJustBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"duplicates per kill {(double)result.Duplicates / Math.Max(1, result.Kills):0.##}; bound (open at the kills + answered in the 100 ms before) {bound}"));
            return result.Mismatches.Count == 0 && result.LostCases == 0 && result.Duplicates <= bound ? 0 : 1;
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
