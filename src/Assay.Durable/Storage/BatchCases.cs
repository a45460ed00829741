using Assay.Core.Benchmarks;
using Azure;
using Azure.Storage.Blobs;

namespace Assay.Durable.Storage;

/// <summary>
/// The cases of a batch blob, read once for all the activities of this process that hold them at the same time.
/// </summary>
/// <remarks>
/// A run's target and its null canary answer the same batch at the same moment, and their judges then judge it
/// together: each activity reading the blob on its own held its own copy of every case (issue 19: a 15 MB case was
/// in memory twice over, as two 30 MB strings, at the run's peak). Cases are shared only while an activity holds
/// them; the last one to let go drops them, so nothing is kept longer than without sharing. They are shared only
/// between readers of the same version of the blob (its ETag, read with the download made conditional on it).
/// The cases are shared objects: holders read them and never change them (records, changed only by <c>with</c>).
/// </remarks>
public sealed class BatchCases
{
    private readonly Dictionary<(string Container, string Blob, ETag Version), Entry> entries = [];
    private readonly Lock gate = new();

    /// <summary>Blobs read at the moment (tests; diagnostics).</summary>
    public int Held
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>The cases of <paramref name="blob"/>; dispose the lease when done with them.</summary>
    public async Task<Lease> AcquireAsync(BlobContainerClient container, string blob, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var version = (await container.GetBlobClient(blob).GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value.ETag;
            var key = (container.Name, blob, version);
            Entry entry;
            lock (gate)
            {
                if (!entries.TryGetValue(key, out entry!) || entry.Cases.IsFaulted)
                {
                    entry = new Entry(ReadAsync(container, blob, version));
                    entries[key] = entry;
                }

                entry.Holders++;
            }

            var lease = new Lease(this, key, entry);
            try
            {
                lease.Cases = await entry.Cases.WaitAsync(ct).ConfigureAwait(false);
                return lease;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 3)
            {
                lease.Dispose(); // rewritten between the properties and the download: read the version there is now
            }
            catch
            {
                lease.Dispose();
                throw;
            }
        }
    }

    // Not under the caller's token: other holders may be waiting on the same read.
    private static async Task<IReadOnlyList<EvalCase>> ReadAsync(BlobContainerClient container, string blob, ETag version)
    {
        await Task.Yield(); // started under the lock: the download itself runs after it is released
        var cases = new List<EvalCase>();
        await foreach (var evalCase in RunStore.ReadLinesAsync<EvalCase>(container, blob, version, CancellationToken.None).ConfigureAwait(false))
        {
            cases.Add(evalCase);
        }

        return cases;
    }

    private void Release((string, string, ETag) key, Entry entry)
    {
        lock (gate)
        {
            if (--entry.Holders == 0 && entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
            {
                entries.Remove(key);
            }
        }
    }

    internal sealed class Entry(Task<IReadOnlyList<EvalCase>> cases)
    {
        public Task<IReadOnlyList<EvalCase>> Cases { get; } = cases;

        public int Holders { get; set; }
    }

    /// <summary>A hold on one batch's cases.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly BatchCases owner;
        private readonly (string, string, ETag) key;
        private Entry? entry;

        internal Lease(BatchCases owner, (string, string, ETag) key, Entry entry) =>
            (this.owner, this.key, this.entry) = (owner, key, entry);

        public IReadOnlyList<EvalCase> Cases { get; internal set; } = [];

        public void Dispose()
        {
            if (Interlocked.Exchange(ref entry, null) is { } held)
            {
                owner.Release(key, held);
            }
        }
    }
}
