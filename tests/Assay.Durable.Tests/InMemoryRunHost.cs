using Assay.Durable;
using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Assay.Durable.Storage;
using Assay.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assay.Durable.Tests;

/// <summary>
/// Assay's orchestrators and activities on the in-memory Durable test host, with real blob storage (Azurite) and
/// endpoints configured like production (simulated at the HTTP level by the tests that need them).
/// </summary>
internal sealed class InMemoryRunHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost host;

    private InMemoryRunHost(DurableTaskTestHost host) => this.host = host;

    public DurableTaskClient Client => host.Client;

    public RunStore Store => host.Services.GetRequiredService<RunStore>();

    public IServiceProvider Services => host.Services;

    public static async Task<InMemoryRunHost> StartAsync(string storageConnection, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Storage:ConnectionString"] = storageConnection,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var host = await InMemoryDurable.StartAsync(registry => registry.AddAssayTasks(), services => services.AddAssayCore(configuration));
        return new InMemoryRunHost(host);
    }

    public async Task<OrchestrationMetadata> RunAsync(RunRequest request, TimeSpan? timeout = null)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RunEvaluationOrchestrator), request, new StartOrchestrationOptions(request.RunId));
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        return await Client.WaitForInstanceCompletionAsync(request.RunId, getInputsAndOutputs: true, cts.Token);
    }

    public async Task UploadAsync(string blob, string localPath)
    {
        var container = await Store.BenchmarksAsync(CancellationToken.None);
        await container.GetBlobClient(blob).UploadAsync(localPath, overwrite: true);
    }

    public async Task UploadTextAsync(string blob, string content)
    {
        var container = await Store.BenchmarksAsync(CancellationToken.None);
        await container.GetBlobClient(blob).UploadAsync(BinaryData.FromString(content), overwrite: true);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
