using System.Diagnostics;

namespace Assay.Cli.Tests.ScaleOut;

/// <summary>
/// The built <c>assay</c> as its own process (no endpoint or storage settings inherited from the machine), with its
/// error stream kept line by line so a test can wait for what it says.
/// </summary>
internal sealed class AssayProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly Task<string> output;

    private AssayProcess(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        };
        output = process.StandardOutput.ReadToEndAsync();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Errors
    {
        get
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }
    }

    public Task<string> Output => output;

    public static AssayProcess Start(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(LocalRunner).Assembly.Location);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Endpoints__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Storage__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Limits__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Cache__", StringComparison.OrdinalIgnoreCase) || k.Equals("TaskHubName", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        return new AssayProcess(Process.Start(info)!);
    }

    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Errors.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"assay never said '{text}' (exited: {process.HasExited}):\n{Errors}");
            }

            await Task.Delay(50);
        }
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"assay did not exit in {timeout.TotalSeconds} s:\n{Errors}");
        }

        process.WaitForExit(); // drains the redirected streams
    }

    /// <summary>SIGKILL: no chance to clean up, as a crashed machine.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, as a service manager stops a process.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
