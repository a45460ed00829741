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

        return TimeSpan.FromMilliseconds(Ticks(Fields(stat)) * 10);
    }

    /// <summary>
    /// CPU of this process's children that have exited and been waited for, with everything they waited for in turn:
    /// a CLI's whole tree (its Azurite included) once it has exited, while live children (endpoints) stay out.
    /// </summary>
    public static TimeSpan OfReapedChildren() =>
        ReadStat(Environment.ProcessId) is { } stat && Fields(stat) is var fields
            ? TimeSpan.FromMilliseconds((long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * 10)
            : TimeSpan.Zero;

    public static TimeSpan OfTree(int root) =>
        TimeSpan.FromMilliseconds(Tree(root).Sum(pid => ReadStat(pid) is { } stat ? Ticks(Fields(stat)) : 0) * 10);

    /// <summary>The process and its live descendants.</summary>
    public static IReadOnlyList<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ReadStat(pid) is { } stat)
            {
                parents[pid] = int.Parse(Fields(stat)[1], CultureInfo.InvariantCulture);
            }
        }

        var tree = new List<int>();
        foreach (var pid in parents.Keys)
        {
            for (var p = pid; p > 1; p = parents.GetValueOrDefault(p))
            {
                if (p == root)
                {
                    tree.Add(pid);
                    break;
                }
            }
        }

        return tree;
    }

    // Fields after the command name, which may hold spaces: state ppid ... utime(14) stime(15), 1-based.
    private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

    // USER_HZ is 100 on every Linux this runs on: one tick is 10 ms.
    private static long Ticks(string[] fields) =>
        long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);

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
