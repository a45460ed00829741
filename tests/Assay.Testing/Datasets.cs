namespace Assay.Testing;

/// <summary>Locates the real benchmark files in <c>../shared/datasets</c> (relative to the repository root).</summary>
public static class Datasets
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    public static string RepoRoot => RepoRootLazy.Value;

    public static string Root => RootLazy.Value;

    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    // ../shared/datasets beside a clone; a git worktree one level deeper (wt/NAME) finds it further up.
    private static string FindRoot()
    {
        var first = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"));
        for (var dir = new DirectoryInfo(RepoRoot).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return first;
    }

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
