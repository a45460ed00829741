using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Assay.Testing;

namespace Assay.Bench;

/// <summary>What a simulated endpoint process has seen since its last reset.</summary>
internal sealed record EndpointStats(int Calls, int PeakInFlight, DateTimeOffset? FirstReceived, DateTimeOffset? LastAnswered);

/// <summary>
/// A simulated OpenAI-compatible endpoint (latency L, at most C served at once) in its own process, as a real server
/// is: the client under test shares no CPU, heap or thread pool with it. The child is this bench itself
/// (<c>serve</c>); it answers <c>stats</c> and <c>reset</c> on its standard input and exits when that closes.
/// </summary>
internal sealed class EndpointProcess : IAsyncDisposable
{
    private readonly Process process;

    private EndpointProcess(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int Pid => process.Id;

    /// <summary>CPU the endpoint process has used so far.</summary>
    public TimeSpan Cpu => ProcessCpu.OfProcess(process.Id);

    public static async Task<EndpointProcess> StartAsync(TimeSpan latency, int concurrency)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(EndpointProcess).Assembly.Location);
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--latency-ms");
        info.ArgumentList.Add(((int)latency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--concurrency");
        info.ArgumentList.Add(concurrency.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the endpoint process");
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the endpoint process exited before it listened");
        return new EndpointProcess(process, new Uri(line));
    }

    public async Task<EndpointStats> StatsAsync()
    {
        await process.StandardInput.WriteLineAsync("stats");
        await process.StandardInput.FlushAsync();
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the endpoint process exited");
        return JsonSerializer.Deserialize<EndpointStats>(line)!;
    }

    public async Task ResetAsync()
    {
        await process.StandardInput.WriteLineAsync("reset");
        await process.StandardInput.FlushAsync();
        _ = await process.StandardOutput.ReadLineAsync();
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(5_000))
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>The child's side: <c>serve --latency-ms L --concurrency C</c>.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var latency = TimeSpan.FromMilliseconds(Scale.Option(args, "--latency-ms", 100));
        var concurrency = Scale.Option(args, "--concurrency", 32);
        await using var server = await SimulatedOpenAIServer.StartAsync(AssayWorkload.Reply(latency), recordRequests: false, maxConcurrency: concurrency);
        Console.WriteLine(server.BaseUrl);
        while (await Console.In.ReadLineAsync() is { } command)
        {
            if (command == "reset")
            {
                server.ResetTimes();
                Console.WriteLine("ok");
            }
            else if (command == "stats")
            {
                Console.WriteLine(JsonSerializer.Serialize(new EndpointStats(server.Calls, server.PeakInFlight, server.FirstReceived, server.LastAnswered)));
            }
        }

        return 0;
    }
}
