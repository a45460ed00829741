namespace Assay.Testing;

/// <summary>Locates the real benchmark files in <c>../shared/datasets</c> (relative to the repository root).</summary>
public static class Datasets
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    public static string RepoRoot => RepoRootLazy.Value;

    public static string Root => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"));

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}");
    }
}
