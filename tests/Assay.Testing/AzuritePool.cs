using System.Collections.Concurrent;
using Assay.Cli.Local;

namespace Assay.Testing;

/// <summary>
/// The Azurites of a test assembly: one is lent to one collection at a time (exclusively, as the single shared Azurite
/// of a collection used to be), and goes back to the pool when that collection ends, for the next one. Starting one
/// costs ~1.4 s and ~145 MB, so there are only as many as collections ran at once. <see cref="SkippingTestFramework"/>
/// stops them all when the assembly's tests are done.
/// </summary>
public static class AzuritePool
{
    private static readonly ConcurrentBag<AzuriteProcess> Idle = [];
    private static readonly ConcurrentBag<AzuriteProcess> Started = [];

    public static async Task<AzuriteProcess> RentAsync()
    {
        if (Idle.TryTake(out var azurite))
        {
            return azurite;
        }

        azurite = await AzuriteProcess.StartAsync(dataDirectory: null, CancellationToken.None);
        Started.Add(azurite);
        return azurite;
    }

    public static void Return(AzuriteProcess azurite) => Idle.Add(azurite);

    public static async Task StopAllAsync()
    {
        while (Started.TryTake(out var azurite))
        {
            await azurite.DisposeAsync();
        }

        Idle.Clear();
    }
}
