using System.Diagnostics;
using System.Security.Cryptography;

namespace Assay.Cli.Local;

/// <summary>
/// Installs the Azurite pinned by the repository's package.json and package-lock.json (shipped next to the program,
/// in a clone's build output and in the .NET tool package) with <c>npm ci</c>, once, into a per-user cache folder
/// named by the lock file's hash. Concurrent first runs wait on one lock file; a half-finished install is never used.
/// </summary>
internal static class AzuriteInstaller
{
    public static async Task<string> EnsureAsync(TextWriter progress, CancellationToken ct)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "azurite");
        var lockFile = Path.Combine(source, "package-lock.json");
        if (!File.Exists(lockFile) || !File.Exists(Path.Combine(source, "package.json")))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed and {lockFile} is missing: run 'npm ci' in the repository root, set AZURITE_PATH, or pass --storage <connection string>");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(lockFile, ct).ConfigureAwait(false)))[..16];
        var home = Path.Combine(CacheRoot(), "assay", "azurite", hash);
        var executable = Path.Combine(home, "node_modules", ".bin", "azurite");
        if (File.Exists(executable))
        {
            return executable;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(home)!);
        await using var gate = await LockAsync(home + ".lock", ct).ConfigureAwait(false);
        if (File.Exists(executable))
        {
            return executable; // another process installed it while this one waited
        }

        var staging = $"{home}.{Environment.ProcessId}.tmp";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        File.Copy(Path.Combine(source, "package.json"), Path.Combine(staging, "package.json"));
        File.Copy(lockFile, Path.Combine(staging, "package-lock.json"));
        await progress.WriteLineAsync($"installing the pinned Azurite storage emulator (npm ci, once) into {home} ...").ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        await NpmCiAsync(staging, ct).ConfigureAwait(false);
        if (Directory.Exists(home))
        {
            Directory.Delete(home, recursive: true);
        }

        Directory.Move(staging, home);
        await progress.WriteLineAsync($"installed Azurite in {watch.Elapsed.TotalSeconds:F0} s").ConfigureAwait(false);
        return executable;
    }

    private static string CacheRoot() =>
        Environment.GetEnvironmentVariable("ASSAY_CACHE") is { Length: > 0 } assay ? assay
        : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");

    private static async Task NpmCiAsync(string folder, CancellationToken ct)
    {
        var info = new ProcessStartInfo("npm") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("could not start npm");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "Azurite is not installed and npm was not found: install Node.js 20+ with npm, set AZURITE_PATH, or pass --storage <connection string>", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci for Azurite failed (exit {process.ExitCode}) in {folder}: {(await stderr.ConfigureAwait(false)).Trim()} {(await stdout.ConfigureAwait(false)).Trim()}");
            }
        }
    }

    // An exclusive lock file: other first runs (parallel test collections, two terminals) wait for the install.
    private static async Task<FileStream> LockAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(500, ct).ConfigureAwait(false);
            }
        }
    }
}
