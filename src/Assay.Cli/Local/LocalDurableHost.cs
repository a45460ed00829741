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

    /// <param name="storageReady">
    /// Awaited before the first storage call: the host is built (its services, the sidecar and the worker, much of a
    /// command's start-up work) while an Azurite this command launched is still starting.
    /// </param>
    public static async Task<LocalDurableHost> StartAsync(
        IConfiguration configuration, string storageConnectionString, LocalHostOptions options, ILoggerFactory loggerFactory, CancellationToken ct,
        Func<CancellationToken, Task>? storageReady = null)
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
        var service = new ResilientOrchestrationService(storage, options.WorkItemVisibilityTimeout / 2);

        var sidecar = BuildSidecar(service, storage, loggerFactory);
        // The worker is built before the sidecar can start (it starts the backend, on storage) and listens on a port the
        // system picks: the worker and the client read their channel when they start, after the sidecar.
        var sidecarChannel = new SidecarChannel();

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
                    b.UseGrpc(o => o.Channel = sidecarChannel.Started);
                    b.AddTasks(r =>
                    {
                        r.AddAssayTasks();
                        options.ConfigureTasks?.Invoke(r);
                    });
                    b.Configure(o => o.Concurrency.MaximumConcurrentActivityWorkItems = options.MaxConcurrentActivities);
                });
                services.AddDurableTaskClient(b =>
                {
                    b.UseGrpc(o => o.Channel = sidecarChannel.Started);
                    b.RegisterDirectly();
                });
            })
            .Build();
        try
        {
            if (storageReady is not null)
            {
                await storageReady(ct).ConfigureAwait(false);
            }

            await storage.CreateIfNotExistsAsync().ConfigureAwait(false);
            await sidecar.StartAsync(ct).ConfigureAwait(false);
            sidecarChannel.Channel = GrpcChannel.ForAddress(sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            await worker.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            worker.Dispose();
            sidecarChannel.Channel?.Dispose();
            await sidecar.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new LocalDurableHost(service, sidecar, worker, sidecarChannel.Started);
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

    private sealed class SidecarChannel
    {
        public GrpcChannel? Channel { get; set; }

        public GrpcChannel Started => Channel ?? throw new InvalidOperationException("the durable worker was started before its sidecar");
    }
}
