using Assay.Cli.Local;
using Xunit;

namespace Assay.Testing;

/// <summary>
/// A real Azurite (in memory, free loopback ports) for the tests of one collection, which has it to itself while it
/// runs. <see cref="ClassCollectionFactory"/> makes each class of an Azurite collection a collection of its own, so
/// classes run in parallel; the Azurites come from <see cref="AzuritePool"/>, so no more start than classes run at once.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public string ConnectionString => azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite not started");

    public async Task InitializeAsync() => azurite = await AzuritePool.RentAsync();

    public Task DisposeAsync()
    {
        if (azurite is not null)
        {
            AzuritePool.Return(azurite);
            azurite = null;
        }

        return Task.CompletedTask;
    }
}
