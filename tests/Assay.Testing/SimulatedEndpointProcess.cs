using System.Diagnostics;
using System.Text.Json;

namespace Assay.Testing;

/// <summary>
/// A simulated OpenAI-compatible endpoint (<see cref="SimulatedOpenAIServer"/>, the same code) running as its own
/// process, <c>Assay.SimulatedEndpoint</c>, answering by a <see cref="SimulatedBehaviour"/> file. Every request it
/// received is appended to a JSON-lines file before it is answered, so what a finished CLI sent can be read here.
/// The process ends when this object is disposed (its standard input closes), or when the test process dies.
/// </summary>
public sealed class SimulatedEndpointProcess : IAsyncDisposable
{
    public const string AssemblyFile = "Assay.SimulatedEndpoint.dll";

    private readonly Process process;
    private readonly string folder;

    private SimulatedEndpointProcess(Process process, string folder, Uri root)
    {
        this.process = process;
        this.folder = folder;
        RootUrl = root;
        BaseUrl = new Uri(root, "/v1");
    }

    /// <summary>Base URL for OpenAI-style clients, ending in <c>/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Root URL, for Azure OpenAI clients.</summary>
    public Uri RootUrl { get; }

    public int ProcessId => process.Id;

    private string RequestsFile => Path.Combine(folder, "requests.jsonl");

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<SimulatedChatRequest> Requests => File.Exists(RequestsFile)
        ? [.. File.ReadAllLines(RequestsFile).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<SimulatedChatRequest>(l, SimulatedBehaviour.Json)!)]
        : [];

    public int Calls => Requests.Count;

    /// <summary>CPU the endpoint process has used so far (Linux /proc; zero elsewhere).</summary>
    public TimeSpan Cpu
    {
        get
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{process.Id}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return TimeSpan.FromMilliseconds((long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) * 10);
            }
            catch (IOException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    /// <summary>Calls, peak in flight, and the first request's and last answer's times since the start or <see cref="ResetAsync"/>.</summary>
    public async Task<SimulatedEndpointStats> StatsAsync()
    {
        await process.StandardInput.WriteLineAsync("stats");
        await process.StandardInput.FlushAsync();
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the simulated endpoint exited");
        return JsonSerializer.Deserialize<SimulatedEndpointStats>(line, SimulatedBehaviour.Json)!;
    }

    /// <summary>Forgets the first and last times and the peak, so one endpoint can measure several clients in turn.</summary>
    public async Task ResetAsync()
    {
        await process.StandardInput.WriteLineAsync("reset");
        await process.StandardInput.FlushAsync();
        _ = await process.StandardOutput.ReadLineAsync();
    }

    /// <param name="recordRequests">Log every request for <see cref="Requests"/> (tests); off for benchmarks of many calls.</param>
    public static async Task<SimulatedEndpointProcess> StartAsync(SimulatedBehaviour behaviour, bool recordRequests = true)
    {
        var folder = Directory.CreateTempSubdirectory("assay-sim-").FullName;
        var behaviourFile = Path.Combine(folder, "behaviour.json");
        await File.WriteAllTextAsync(behaviourFile, JsonSerializer.Serialize(behaviour, SimulatedBehaviour.Json));
        var executable = Path.Combine(AppContext.BaseDirectory, AssemblyFile);
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"{AssemblyFile} is not beside the tests: reference tests/Assay.SimulatedEndpoint from the test project", executable);
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in recordRequests
                     ? new[] { executable, "--behaviour", behaviourFile, "--requests", Path.Combine(folder, "requests.jsonl") }
                     : [executable, "--behaviour", behaviourFile])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new InvalidOperationException($"the simulated endpoint did not start: {line} {await errors}");
        }

        return new SimulatedEndpointProcess(process, folder, new Uri(line["listening ".Length..]));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        finally
        {
            process.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>What a simulated endpoint process has seen since its start or its last reset.</summary>
public sealed record SimulatedEndpointStats(int Calls, int PeakInFlight, DateTimeOffset? FirstReceived, DateTimeOffset? LastAnswered);
