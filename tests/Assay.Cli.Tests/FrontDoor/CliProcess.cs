using System.Diagnostics;

namespace Assay.Cli.Tests.FrontDoor;

/// <summary>
/// The built <c>assay</c> as its own process, with a clean environment: no endpoint, storage or mutation settings
/// inherited from the machine, and <c>AZURITE_PATH</c> pointing at a stand-in that only leaves a mark, so a test can
/// tell structurally whether the command got as far as starting storage.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-front-door-").FullName;

    public CliProcess()
    {
        AzuriteMark = Path.Combine(work, "azurite-was-started");
        FakeAzurite = Path.Combine(work, "azurite");
        File.WriteAllText(FakeAzurite, $"#!/bin/sh\necho \"$@\" > '{AzuriteMark}'\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(FakeAzurite, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Work => work;

    /// <summary>Exists once anything tried to start Azurite.</summary>
    public string AzuriteMark { get; }

    private string FakeAzurite { get; }

    public async Task<(int Exit, string Output, string Errors, TimeSpan Elapsed)> RunAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = work };
        info.ArgumentList.Add(typeof(LocalRunner).Assembly.Location);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Endpoints__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Storage__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Mutations__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Rubrics__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["AZURITE_PATH"] = FakeAzurite;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"assay {string.Join(' ', info.ArgumentList.Skip(1))} did not exit in 2 minutes");
        }

        clock.Stop();
        return (process.ExitCode, await output, await errors, clock.Elapsed);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
