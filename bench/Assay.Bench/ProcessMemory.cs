using System.Globalization;

namespace Assay.Bench;

/// <summary>Resident memory from Linux's /proc: this process's peak (VmHWM, resettable) and a sampled peak of a tree.</summary>
internal static class ProcessMemory
{
    /// <summary>Resets this process's VmHWM to its current resident size (writing 5 to clear_refs).</summary>
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Older kernels: the peak then counts from the process's start, which only overstates it.
        }
    }

    public static long PeakResidentBytes() => StatusKb(Environment.ProcessId, "VmHWM:") * 1024;

    public static long ResidentBytes(int pid) => StatusKb(pid, "VmRSS:") * 1024;

    private static long StatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}

/// <summary>Samples the summed resident memory of a process and its descendants (Azurite) every 250 ms; keeps the peak.</summary>
internal sealed class TreeMemorySampler : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<long> sampling;

    public TreeMemorySampler(int root) => sampling = Task.Run(async () =>
    {
        var peak = 0L;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, ProcessCpu.Tree(root).Sum(ProcessMemory.ResidentBytes));
            try
            {
                await Task.Delay(250, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return peak;
    });

    public long Stop()
    {
        stop.Cancel();
        return sampling.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
