using Assay.Durable;
using Assay.Durable.Storage;
using Assay.Testing;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assay.Functions.Tests;

/// <summary>
/// What the Functions host would give the app, without the host: the same service registrations as Program.cs (with
/// start-up validation run), a real <see cref="DurableTaskClient"/> on the in-memory durable runtime running Assay's
/// orchestrator and activities, and real blob storage in Azurite.
/// </summary>
internal sealed class FunctionsAppHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost durable;
    private readonly ServiceProvider services;

    private FunctionsAppHost(DurableTaskTestHost durable, ServiceProvider services)
    {
        this.durable = durable;
        this.services = services;
    }

    public DurableTaskClient Client => durable.Client;

    public IServiceProvider Services => services;

    public RunStore Store => services.GetRequiredService<RunStore>();

    /// <param name="logs">Receives every log line of the app and the durable worker, at every level.</param>
    public static async Task<FunctionsAppHost> StartAsync(
        string storageConnection, IDictionary<string, string?>? settings = null, TimeProvider? time = null, ILoggerProvider? logs = null)
    {
        var configuration = Configuration(storageConnection, settings);
        var services = new ServiceCollection()
            .AddLogging(b =>
            {
                b.SetMinimumLevel(logs is null ? LogLevel.Warning : LogLevel.Trace);
                if (logs is not null)
                {
                    b.AddProvider(logs);
                }
            })
            .AddSingleton<IConfiguration>(configuration);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var provider = services.AddAssayCore(configuration).AddAssayFunctions(configuration).BuildServiceProvider(validateScopes: true);
        provider.GetRequiredService<IStartupValidator>().Validate(); // what ValidateOnStart does in the real host

        var durable = await InMemoryDurable.StartAsync(registry => registry.AddAssayTasks(), s =>
        {
            s.AddAssayCore(configuration);
            if (logs is not null)
            {
                s.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            }
        });
        return new FunctionsAppHost(durable, provider);
    }

    // The public address the tests' URLs use, and a request rate that polling tests stay within (the rate limit has
    // its own test, which sets a low one).
    public static IConfigurationRoot Configuration(string storageConnection, IDictionary<string, string?>? settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Api:PublicBaseUrl"] = "https://assay-test.azurewebsites.net",
                ["Api:RequestsPerMinute"] = "100000",
            })
            .AddInMemoryCollection(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["Storage:ConnectionString"] = storageConnection,
            })
            .Build();

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    public async Task<BlobClient> UploadAsync(string blob, BinaryData content)
    {
        var container = await Store.BenchmarksAsync(CancellationToken.None);
        var client = container.GetBlobClient(blob);
        await client.UploadAsync(content, overwrite: true);
        return client;
    }

    public async Task<OrchestrationMetadata> WaitAsync(string runId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, cts.Token);
    }

    public async Task<List<OrchestrationMetadata>> InstancesAsync()
    {
        var all = new List<OrchestrationMetadata>();
        await foreach (var state in Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = false }))
        {
            all.Add(state);
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await durable.DisposeAsync();
        await services.DisposeAsync();
    }
}
