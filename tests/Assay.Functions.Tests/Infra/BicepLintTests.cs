namespace Assay.Functions.Tests.Infra;

/// <summary>
/// The linter's default rules (<c>bicep lint</c>; no bicepconfig.json overrides) over every file of infra/, each on its
/// own, modules included. Apart from <see cref="BicepTests"/> because each file is a Bicep CLI process of its own
/// (seconds each): as a class of its own it runs beside the build checks instead of after them.
/// </summary>
public sealed class BicepLintTests
{
    public static TheoryData<string> InfraFiles() =>
        new(Directory.EnumerateFiles(BicepCli.Infra, "*.bicep*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(BicepCli.Infra, f))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(InfraFiles))]
    public async Task Every_infra_file_passes_the_bicep_linter_without_warnings(string file)
    {
        var (exit, stdout, stderr) = await BicepCli.RunAsync("lint", Path.Combine(BicepCli.Infra, file));

        Assert.True(exit == 0 && (stdout + stderr).Trim().Length == 0, $"bicep lint {file} exited {exit}:\n{stdout}{stderr}");
    }
}
