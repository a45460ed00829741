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

    /// <param name="storage">A connection string; without one (here or in configuration) Azurite is started.</param>
    /// <param name="dataDirectory">Where a started Azurite keeps its data.</param>
    public static async Task<LocalSession> StartAsync(IConfiguration configuration, string? storage, string? dataDirectory, CancellationToken ct)
    {
        var loggerFactory = CreateLoggerFactory();
        AzuriteProcess? azurite = null;
        try
        {
            var connection = storage ?? configuration["Storage:ConnectionString"];
            if (connection is null)
            {
                azurite = await AzuriteProcess.StartAsync(dataDirectory, ct).ConfigureAwait(false);
                connection = azurite.ConnectionString;
            }

            var hostConfiguration = new ConfigurationBuilder()
                // The command is the only writer of its storage while it runs: list the response cache once instead of
                // reading (a 404 on a fresh cache) per call. A setting in the configuration file still wins.
                .AddInMemoryCollection([new("Cache:ListOnce", "true")])
                .AddConfiguration(configuration)
                .AddInMemoryCollection([new("Storage:ConnectionString", connection)])
                .Build();
            var hostOptions = new LocalHostOptions();
            var host = await LocalDurableHost.StartAsync(hostConfiguration, connection, hostOptions, loggerFactory, ct).ConfigureAwait(false);
            return new LocalSession(loggerFactory, azurite, host, new StuckRunCheck(connection, hostOptions.TaskHubName));
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

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync().ConfigureAwait(false);
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
