using Assay.Durable;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Assay.Cli.Local;

/// <summary>
/// Runs Assay's orchestrators and activities without the Functions host: a gRPC sidecar (the Durable Task protocol the
/// Functions extension also speaks) over the Azure Storage backend, and a standard Durable Task worker and client
/// connected to it. Durable state lives in the storage account, so a killed run resumes when started again.
/// </summary>
public sealed class LocalDurableHost : IAsyncDisposable
{
    private readonly IOrchestrationService service;
    private readonly IHost sidecar;
    private readonly IHost worker;
    private readonly GrpcChannel channel;

    private LocalDurableHost(IOrchestrationService service, IHost sidecar, IHost worker, GrpcChannel channel)
    {
        this.service = service;
        this.sidecar = sidecar;
        this.worker = worker;
        this.channel = channel;
    }

    public DurableTaskClient Client => worker.Services.GetRequiredService<DurableTaskClient>();

    public IServiceProvider Services => worker.Services;

    public static async Task<LocalDurableHost> StartAsync(
        IConfiguration configuration, string storageConnectionString, LocalHostOptions options, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            // Short locks: a crashed runner's in-flight work is redelivered within seconds, not the default 5 minutes.
            WorkItemQueueVisibilityTimeout = options.WorkItemVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.WorkItemVisibilityTimeout,
            PartitionCount = options.PartitionCount,
            // A killed process's partition leases must expire before another can resume its orchestrations (a runner
            // started again on the same machine has the same worker id and takes them back at once).
            LeaseInterval = TimeSpan.FromSeconds(10),
            LeaseRenewInterval = TimeSpan.FromSeconds(3),
            LeaseAcquireInterval = TimeSpan.FromSeconds(3),
            // A phase change (plan → evaluate, last judging → aggregate → report) waits for a poll of an idle queue: at most
            // this long. Polls of an empty queue are cheap; seconds here were most of a small run's fixed cost.
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = 10,
            LoggerFactory = loggerFactory,
        };
        if (options.WorkerId is { } workerId)
        {
            settings.WorkerId = workerId;
        }

        var storage = new AzureStorageOrchestrationService(settings);
        await storage.CreateIfNotExistsAsync().ConfigureAwait(false);
        var service = new ResilientOrchestrationService(storage, options.WorkItemVisibilityTimeout / 2);

        var sidecar = BuildSidecar(service, storage, loggerFactory);
        await sidecar.StartAsync(ct).ConfigureAwait(false);
        var address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address);

        var worker = Host.CreateDefaultBuilder()
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureAppConfiguration(c => c.Sources.Clear())
            .ConfigureLogging(l => l.ClearProviders().Services.AddSingleton(loggerFactory))
            .ConfigureServices(services =>
            {
                services.AddSingleton<IHostLifetime, CommandLifetime>();
                services.AddAssayCore(configuration);
                options.ConfigureServices?.Invoke(services);
                services.AddDurableTaskWorker(b =>
                {
                    b.UseGrpc(channel);
                    b.AddTasks(r =>
                    {
                        r.AddAssayTasks();
                        options.ConfigureTasks?.Invoke(r);
                    });
                    b.Configure(o => o.Concurrency.MaximumConcurrentActivityWorkItems = options.MaxConcurrentActivities);
                });
                services.AddDurableTaskClient(b =>
                {
                    b.UseGrpc(channel);
                    b.RegisterDirectly();
                });
            })
            .Build();
        await worker.StartAsync(ct).ConfigureAwait(false);
        return new LocalDurableHost(service, sidecar, worker, channel);
    }

    public ValueTask DisposeAsync() => DisposeAsync(releaseLeases: true);

    /// <param name="releaseLeases">
    /// Wait for the backend to stop and give up its partition leases (a second, measured), so that the next command
    /// on this storage takes them at once instead of after they expire. Pointless for an in-memory Azurite that is
    /// about to be discarded with everything in it.
    /// </param>
    public async ValueTask DisposeAsync(bool releaseLeases)
    {
        // The worker first: stopping the sidecar under a connected worker hangs shutdown for 30 s.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await worker.StopAsync(timeout.Token).ConfigureAwait(false);
        worker.Dispose();
        await channel.ShutdownAsync().ConfigureAwait(false);
        channel.Dispose();
        await sidecar.StopAsync(timeout.Token).ConfigureAwait(false);
        sidecar.Dispose();
        var stopping = service.StopAsync(isForced: true);
        if (releaseLeases)
        {
            await stopping.ConfigureAwait(false);
        }
    }

    private static WebApplication BuildSidecar(IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        return app;
    }
}
