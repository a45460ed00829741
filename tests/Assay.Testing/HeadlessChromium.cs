using System.Diagnostics;

namespace Assay.Testing;

/// <summary>
/// Debian's Chromium, headless, on a local file: a screenshot, the DOM after scripts ran, and the console lines the
/// page logged (Chromium prints every console message, errors and uncaught exceptions included, as CONSOLE lines).
/// </summary>
public static class HeadlessChromium
{
    /// <summary><c>CHROMIUM_PATH</c>, else <c>chromium</c> on <c>PATH</c>, else null.</summary>
    public static string? Executable { get; } = Find();

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured)
        {
            return configured;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "chromium"))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<(byte[] Png, IReadOnlyList<string> Console)> ScreenshotAsync(string htmlFile, int width, int height)
    {
        var png = Path.Combine(Path.GetTempPath(), $"assay-shot-{Guid.NewGuid():N}.png");
        try
        {
            var stderr = await RunAsync($"--window-size={width},{height}", $"--screenshot={png}", new Uri(htmlFile).AbsoluteUri);
            var console = stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
            return (await File.ReadAllBytesAsync(png), console);
        }
        finally
        {
            File.Delete(png);
        }
    }

    public static async Task<string> DumpDomAsync(string htmlFile)
    {
        var (stdout, _) = await RunCapturingAsync("--dump-dom", new Uri(htmlFile).AbsoluteUri);
        return stdout;
    }

    private static async Task<string> RunAsync(params string[] arguments) => (await RunCapturingAsync(arguments)).Stderr;

    private static async Task<(string Stdout, string Stderr)> RunCapturingAsync(params string[] arguments)
    {
        Requirement.Needs(
            Executable is not null && File.Exists(Executable),
            "needs a Chromium to render report.html: install Debian's 'chromium' package (.ci/run does) or set CHROMIUM_PATH");

        var profile = Directory.CreateTempSubdirectory("assay-chromium-");
        try
        {
            var info = new ProcessStartInfo(Executable!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var flag in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", "--disable-quic", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                         $"--user-data-dir={profile.FullName}",
                     })
            {
                info.ArgumentList.Add(flag);
            }

            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            return (await stdout, await stderr);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
