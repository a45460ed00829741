namespace Assay.Testing;

/// <summary>
/// Locates the real benchmark files: <c>ASSAY_DATASETS</c>, else <c>../shared/datasets</c> beside the repository (or
/// further up, for a git worktree). They are not in a plain clone: a test that reads them is then skipped with a
/// reason naming the variable (failed instead under <c>ASSAY_REQUIRE_ALL=1</c>, as .ci/run sets).
/// </summary>
public static class Datasets
{
    public const string Variable = "ASSAY_DATASETS";

    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    private static readonly Lazy<string?> RootLazy = new(FindRoot);

    public static string RepoRoot => RepoRootLazy.Value;

    public static bool Available => RootLazy.Value is not null;

    /// <summary>The datasets folder; skips the running test when there is none.</summary>
    public static string Root
    {
        get
        {
            Requirement.Needs(Available, $"needs the real benchmark files: set {Variable} to their folder, or put them in ../shared/datasets beside the clone");
            return RootLazy.Value!;
        }
    }

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string? FindRoot()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            // A variable that names a missing folder is a mistake to report, not a reason to skip.
            return Directory.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new InvalidOperationException($"{Variable}={configured} is not a folder");
        }

        for (var dir = new DirectoryInfo(RepoRoot).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
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
