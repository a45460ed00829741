using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Assay.Cli.Local;

/// <summary>
/// Azurite, the version pinned in the repository's package-lock.json, on free loopback ports; installed on first use. A shell watchdog ends it
/// when the process that started it dies, even by SIGKILL, so a killed runner leaves no storage emulator behind.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly (int Blob, int Queue, int Table) ports;
    private string? temporaryLog;
    private readonly string executable;

    private AzuriteProcess(Process process, string executable, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        this.executable = executable;
        ports = (blobPort, queuePort, tablePort);
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            $"AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    /// <summary>Started without a data folder: everything it holds goes when it stops.</summary>
    public bool InMemory { get; private init; }

    /// <summary>Where Azurite writes its output (inside the data folder when there is one).</summary>
    public string LogPath { get; private init; } = string.Empty;

    /// <summary>Starts Azurite and waits until it serves; with <paramref name="dataDirectory"/> its data outlives the process, else it is in memory.</summary>
    public static async Task<AzuriteProcess> StartAsync(string? dataDirectory, CancellationToken ct)
    {
        var azurite = await LaunchAsync(dataDirectory, ct).ConfigureAwait(false);
        try
        {
            await azurite.ReadyAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return azurite;
    }

    /// <summary>
    /// Starts Azurite without waiting for it: its ports, so its connection string, are chosen before it runs, and its
    /// start (about 2.4 s on an idle machine, node loading its modules) is most of a small run's time before its first
    /// model call. A caller builds what needs no storage meanwhile, then awaits <see cref="ReadyAsync"/>.
    /// </summary>
    public static async Task<AzuriteProcess> LaunchAsync(string? dataDirectory, CancellationToken ct)
    {
        var executable = await FindExecutableAsync(ct).ConfigureAwait(false);
        var (blob, queue, table) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var storage = dataDirectory is null
            ? "--inMemoryPersistence"
            : $"--location {Quote(Path.GetFullPath(Directory.CreateDirectory(dataDirectory).FullName))}";
        var azurite = $"{Quote(executable)} --silent {storage} --skipApiVersionCheck --loose --disableTelemetry " +
                      $"--blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 " +
                      $"--blobPort {blob} --queuePort {queue} --tablePort {table}";
        // Azurite's output goes to a file, never a pipe to this process: when this process dies first, a pipe makes
        // Azurite crash on its shutdown line (EPIPE, exit 1) before it saves its stores. Azurite also ignores the first
        // SIGTERM: stop() asks twice, gives it time to save its stores, and only then kills it.
        var log = LogFile(dataDirectory);
        // In memory there is nothing to save: the stop is a KILL, not the ~2 s of the first, ignored SIGTERM (measured:
        // most of a small run's time from its report to its exit).
        var stop = dataDirectory is null
            ? "stop() { kill -9 $child 2>/dev/null; exit 0; }; "
            : "stop() { kill $child 2>/dev/null; for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 $child 2>/dev/null || exit 0; sleep 0.2; done; " +
              "kill $child 2>/dev/null; for i in $(seq 1 40); do kill -0 $child 2>/dev/null || exit 0; sleep 0.2; done; " +
              "echo 'azurite: no exit 10 s after two SIGTERMs, killing it'; kill -9 $child 2>/dev/null; exit 0; }; ";
        var watchdog =
            $"exec >>{Quote(log)} 2>&1; {azurite} & child=$!; " + stop + "trap stop TERM INT; " +
            $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1 & wait $!; done; stop";
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(watchdog);
        SkipTelemetryModules(info);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start Azurite");

        return new AzuriteProcess(process, executable, blob, queue, table) { InMemory = dataDirectory is null, LogPath = log, temporaryLog = dataDirectory is null ? log : null };
    }

    // Telemetry is off (--disableTelemetry: a local emulator has nothing to report, and it would try to reach the
    // internet), yet Azurite loads the SDK when it starts: a preload hands it a no-op module instead (about 1 s of its
    // ~1.8 s start, measured). Without the file (an unusual layout) Azurite starts as it is, only slower.
    private static void SkipTelemetryModules(ProcessStartInfo info)
    {
        var preload = Path.Combine(AppContext.BaseDirectory, "azurite", "no-telemetry.cjs");
        if (File.Exists(preload) && !preload.Contains('"', StringComparison.Ordinal))
        {
            var options = Environment.GetEnvironmentVariable("NODE_OPTIONS");
            info.Environment["NODE_OPTIONS"] = $"{options} --require \"{preload}\"".TrimStart();
        }
    }

    /// <summary>Waits until Azurite serves on all three ports; throws when it exits first or takes 120 s. The caller disposes it.</summary>
    public async Task ReadyAsync(CancellationToken ct)
    {
        // Ready in ~2.4 s on an idle machine; 42 s was seen on a loaded 2-core one. A crash ends the wait at once.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!await PortsOpenAsync(ports.Blob, ports.Queue, ports.Table).ConfigureAwait(false))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start (from {executable}, log: {LogPath}); set AZURITE_PATH, or pass --storage <connection string>");
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // TERM reaches the watchdog, which stops Azurite (a second signal and then KILL if it lingers).
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
        if (temporaryLog is not null && Path.GetDirectoryName(temporaryLog) is { } folder)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Still held (a lingering child): a few bytes in the temporary folder.
            }
        }
    }

    // Beside the data it serves when there is a data folder (a resumed run appends), else a fresh temporary file.
    private static string LogFile(string? dataDirectory) => dataDirectory is null
        ? Path.Combine(Directory.CreateTempSubdirectory("assay-azurite-").FullName, "azurite.log")
        : Path.Combine(Path.GetFullPath(dataDirectory), "azurite.log");

    // AZURITE_PATH, else node_modules/.bin/azurite above the working directory or the program (a clone after npm ci),
    // else the pinned Azurite installed once into the per-user cache (AzuriteInstaller).
    private static async Task<string> FindExecutableAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("AZURITE_PATH") is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules", ".bin", "azurite");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return await AzuriteInstaller.EnsureAsync(Console.Error, ct).ConfigureAwait(false);
    }

    private static async Task<bool> PortsOpenAsync(params int[] ports)
    {
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
