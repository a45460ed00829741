using System.Globalization;

namespace Assay.Bench;

/// <summary>CPU time of a process and all its live descendants (Azurite runs as a child), from Linux's /proc.</summary>
internal static class ProcessCpu
{
    /// <summary>CPU time of one process alone (the bench's own: runner, sidecar, simulated endpoint).</summary>
    public static TimeSpan OfProcess(int pid)
    {
        if (ReadStat(pid) is not { } stat)
        {
            return TimeSpan.Zero;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromMilliseconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10);
    }

    public static TimeSpan OfTree(int root)
    {
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || ReadStat(pid) is not { } stat)
            {
                continue;
            }

            // Fields after the command name, which may hold spaces: state ppid ... utime(14) stime(15), 1-based.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        var total = 0L;
        foreach (var pid in ticks.Keys)
        {
            for (var p = pid; p > 1; p = parents.GetValueOrDefault(p))
            {
                if (p == root)
                {
                    total += ticks[pid];
                    break;
                }
            }
        }

        // USER_HZ is 100 on every Linux this runs on.
        return TimeSpan.FromMilliseconds(total * 10);
    }

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
