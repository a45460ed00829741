using Assay.Cli.Local;
using Xunit;

namespace Assay.Testing;

/// <summary>One real Azurite (in memory, free loopback ports) shared by the tests of a collection.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public string ConnectionString => azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite not started");

    public async Task InitializeAsync() => azurite = await AzuriteProcess.StartAsync(dataDirectory: null, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
