namespace Assay.Durable.Storage;

/// <summary>
/// Storage writes started one after another and kept at most <c>limit</c> in progress: a writer does not wait for
/// each write's round trip, and a large plan does not open hundreds of uploads at once.
/// </summary>
internal sealed class BoundedWrites(int limit)
{
    private readonly List<Task> inProgress = [];

    /// <summary>Adds a started write; waits first when <c>limit</c> are in progress, and throws a finished write's error.</summary>
    public async Task AddAsync(Task write)
    {
        inProgress.Add(write);
        while (inProgress.Count >= limit)
        {
            var done = await Task.WhenAny(inProgress).ConfigureAwait(false);
            inProgress.Remove(done);
            await done.ConfigureAwait(false);
        }
    }

    /// <summary>Waits for every write in progress; throws the first error.</summary>
    public async Task DrainAsync()
    {
        await Task.WhenAll(inProgress).ConfigureAwait(false);
        inProgress.Clear();
    }
}
