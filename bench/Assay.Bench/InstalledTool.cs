namespace Assay.Bench;

/// <summary>
/// <c>assay</c> as a user gets it (README, "As a .NET tool"): <c>dotnet pack src/Assay.Cli -c Release</c>, then
/// <c>dotnet tool install</c> from that package into a tool path of the bench's own. On linux-x64 that installs the
/// ReadyToRun package; elsewhere the portable one. Packed and installed once per bench run, removed when disposed.
/// </summary>
internal sealed class InstalledTool : IDisposable
{
    private readonly string folder;

    private InstalledTool(string folder, string command)
    {
        this.folder = folder;
        Command = command;
    }

    /// <summary>The path of the installed <c>assay</c> command.</summary>
    public string Command { get; }

    public static async Task<InstalledTool> InstallAsync()
    {
        var work = Directory.CreateTempSubdirectory("assay-bench-tool-").FullName;
        var feed = Path.Combine(work, "feed");
        var tools = Path.Combine(work, "tools");
        Console.Error.WriteLine($"packing src/Assay.Cli and installing the tool into {tools}");
        if (await PromptfooSideBySide.RunProcessAsync("dotnet", ["pack", Path.Combine(RepoPaths.Root, "src", "Assay.Cli"), "-c", "Release", "-o", feed, "--nologo", "-v", "q"], RepoPaths.Root) != 0)
        {
            throw new InvalidOperationException("dotnet pack src/Assay.Cli failed");
        }

        // From a folder outside the repository, as a user installs it.
        if (await PromptfooSideBySide.RunProcessAsync("dotnet", ["tool", "install", "Assay.Cli", "--tool-path", tools, "--add-source", feed, "--version", PackageVersion()], work) != 0)
        {
            throw new InvalidOperationException("dotnet tool install Assay.Cli failed");
        }

        return new InstalledTool(work, Path.Combine(tools, OperatingSystem.IsWindows() ? "assay.exe" : "assay"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string PackageVersion() =>
        typeof(Assay.Cli.LocalRunner).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.1.0";
}
