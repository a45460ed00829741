namespace Assay.Bench;

/// <summary>Finds the repository (the directory holding Functions.sln) and the shared datasets next to it.</summary>
internal static class RepoPaths
{
    public static string DefaultDatasets() => Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "datasets"));

    public static string Root => RepoRoot();

    private static string RepoRoot()
    {
        // The build output sits under the repository; the working directory usually does too.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("No Functions.sln above the program or the working directory.");
    }
}
