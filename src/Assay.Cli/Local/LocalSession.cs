using Assay.Durable.Runs;
using Assay.Durable.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assay.Cli.Local;

/// <summary>
/// What every local command (<c>run</c>, <c>debate</c>, <c>redteam</c>) runs on: the configured storage or an Azurite
/// started for the command, and the durable host over it. Disposed in reverse: host, then Azurite, then logging.
/// </summary>
internal sealed class LocalSession : IAsyncDisposable
{
    private readonly ILoggerFactory loggerFactory;
    private readonly AzuriteProcess? azurite;
    private readonly LocalDurableHost host;

    private LocalSession(ILoggerFactory loggerFactory, AzuriteProcess? azurite, LocalDurableHost host, StuckRunCheck stuckRunCheck)
    {
        this.loggerFactory = loggerFactory;
        this.azurite = azurite;
        this.host = host;
        StuckRunCheck = stuckRunCheck;
    }

    public DurableTaskClient Client => host.Client;

    /// <summary>Whether a run in this session's task hub can still make progress (see docs/local-runtime.md).</summary>
    public StuckRunCheck StuckRunCheck { get; }

    public RunStore Store => host.Services.GetRequiredService<RunStore>();

    public IServiceProvider Services => host.Services;

    /// <param name="storage">A connection string; without one (here or in configuration) Azurite is started.</param>
    /// <param name="dataDirectory">Where a started Azurite keeps its data.</param>
    public static Task<LocalSession> StartAsync(IConfiguration configuration, string? storage, string? dataDirectory, CancellationToken ct) =>
        StartAsync(configuration, new LocalSessionOptions { Storage = storage, DataDirectory = dataDirectory }, ct);

    public static async Task<LocalSession> StartAsync(IConfiguration configuration, LocalSessionOptions options, CancellationToken ct)
    {
        var taskHub = TaskHubs.Resolve(options.TaskHub, configuration);
        var loggerFactory = CreateLoggerFactory();
        AzuriteProcess? azurite = null;
        try
        {
            var connection = options.Storage ?? configuration["Storage:ConnectionString"];
            if (connection is null)
            {
                if (options.WorkerId is not null)
                {
                    throw new CliException("a worker joins the storage of a run: give it with --storage CONNECTION_STRING or Storage__ConnectionString");
                }

                azurite = await AzuriteProcess.LaunchAsync(options.DataDirectory, ct).ConfigureAwait(false);
                connection = azurite.ConnectionString;
                if (!azurite.InMemory)
                {
                    // Its data folder may hold a task hub to resume, whose partition count is read below.
                    await azurite.ReadyAsync(ct).ConfigureAwait(false);
                }
            }

            // An Azurite of this command's own has no other process on it; configured storage may have workers.
            IReadOnlyList<string> workers = azurite is null && options.WorkerId is null
                ? await new WorkerRegistry(connection, taskHub).LiveAsync(ct).ConfigureAwait(false)
                : [];
            var hostConfiguration = HostConfiguration(configuration, connection, shared: options.WorkerId is not null || workers.Count > 0);
            var hostOptions = new LocalHostOptions
            {
                TaskHubName = taskHub,
                WorkerId = options.WorkerId,
                // Partitions let workers share orchestrations; no worker reaches an Azurite of this command's own (on
                // loopback, on ports chosen now), and each partition is a control queue polled and a lease renewed.
                PartitionCount = azurite is { InMemory: true }
                    ? 1 // an empty store: nothing to read
                    : await TaskHubPartitions.CountAsync(connection, taskHub, ct, fresh: azurite is null ? LocalHostOptions.DefaultPartitionCount : 1).ConfigureAwait(false),
            };
            // An in-memory Azurite is still starting: the host is built meanwhile and waits for it before its first call.
            var host = await LocalDurableHost.StartAsync(
                hostConfiguration, connection, hostOptions, loggerFactory, ct, azurite is { InMemory: true } starting ? starting.ReadyAsync : null).ConfigureAwait(false);
            return new LocalSession(loggerFactory, azurite, host, new StuckRunCheck(connection, taskHub))
            {
                TaskHub = taskHub,
                ConnectionString = connection,
                Workers = workers,
            };
        }
        catch
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
            }

            loggerFactory.Dispose();
            throw;
        }
    }

    public string TaskHub { get; private init; } = TaskHubs.Default;

    public string ConnectionString { get; private init; } = string.Empty;

    /// <summary>The storage is an in-memory Azurite this command started: nothing was in it before this command.</summary>
    public bool Fresh => azurite is { InMemory: true };

    /// <summary>The live <c>assay worker</c> processes on this session's task hub when it started (a run's session).</summary>
    public IReadOnlyList<string> Workers { get; private init; } = [];

    /// <summary>
    /// Alone on its storage, a process lists the response cache once and reads only what it listed or wrote itself
    /// (<c>Cache:ListOnce</c>) and keeps endpoint limits in process. Shared with workers, an entry another process
    /// wrote after the listing would be missed and its call made again, for instance every answered call of a batch
    /// that a killed worker leaves to another: so every process then reads the cache per call, whatever the
    /// configuration says, and requests and tokens per minute are budgets shared through storage (<c>Limits:Shared</c>,
    /// unless configured off).
    /// </summary>
    private static IConfiguration HostConfiguration(IConfiguration configuration, string connection, bool shared) => new ConfigurationBuilder()
        .AddInMemoryCollection(shared ? [new("Limits:Shared", "true")] : [new("Cache:ListOnce", "true")])
        .AddConfiguration(configuration) // a setting in the configuration file wins over these defaults
        .AddInMemoryCollection(shared ? [new("Cache:ListOnce", "false"), new("Storage:ConnectionString", connection)] : [new("Storage:ConnectionString", connection)])
        .Build();

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync(releaseLeases: azurite is not { InMemory: true }).ConfigureAwait(false);
        if (azurite is not null)
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
        }

        loggerFactory.Dispose();
    }

    private static ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(b => b
        .SetMinimumLevel(LogLevel.Warning)
        // The durable backend logs transient storage retries as warnings; they are not the user's concern.
        .AddFilter("DurableTask", LogLevel.Error)
        .AddFilter("Microsoft.DurableTask", LogLevel.Error)
        .AddFilter("Microsoft.AspNetCore", LogLevel.Error)
        .AddFilter("Grpc", LogLevel.Error)
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
