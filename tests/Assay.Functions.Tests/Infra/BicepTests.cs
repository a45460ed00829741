using System.Text.Json;

namespace Assay.Functions.Tests.Infra;

/// <summary>
/// Compiles infra/ with the Bicep CLI from NuGet (offline) and fails on any diagnostic: an unknown resource type or
/// property (BCP081/BCP037), a linter warning or an error. Then checks the properties the issue asks for. The linter's
/// run over every file is <see cref="BicepLintTests"/>, a class of its own so that xUnit runs it beside these.
/// </summary>
public sealed class BicepTests
{
    private static string Infra => BicepCli.Infra;

    [Theory]
    [InlineData("build", "main.bicep")]
    [InlineData("build-params", "main.example.bicepparam")]
    public async Task Infra_compiles_without_warnings_or_errors(string command, string file)
    {
        var (exit, stdout, stderr) = command == "build" && file == "main.bicep"
            ? await BicepCli.MainBuild.Value
            : await BicepCli.RunAsync(command, Path.Combine(Infra, file), "--stdout");

        Assert.True(exit == 0 && stderr.Trim().Length == 0, $"bicep {command} {file} exited {exit}:\n{stderr}");
        Assert.NotEmpty(stdout);
    }

    [Fact]
    public async Task The_template_has_flex_consumption_keyless_storage_entra_telemetry_and_the_data_containers()
    {
        var (_, stdout, stderr) = await BicepCli.MainBuild.Value;
        Assert.True(stdout.Length > 0, stderr);
        var json = stdout;
        using var template = JsonDocument.Parse(json);
        var resources = template.RootElement.GetProperty("resources");
        var all = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value).ToList() : resources.EnumerateArray().ToList();
        JsonElement Resource(string type) => all.First(r => r.GetProperty("type").GetString() == type);

        Assert.Equal("FC1", Resource("Microsoft.Web/serverfarms").GetProperty("sku").GetProperty("name").GetString());
        Assert.False(Resource("Microsoft.Storage/storageAccounts").GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.True(Resource("Microsoft.Insights/components").GetProperty("properties").GetProperty("DisableLocalAuth").GetBoolean());
        var runtime = Resource("Microsoft.Web/sites").GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal(("dotnet-isolated", "10.0"), (runtime.GetProperty("name").GetString(), runtime.GetProperty("version").GetString()));
        foreach (var container in new[] { "benchmarks", "benchmarks-rejected", "results", "reports" })
        {
            Assert.Contains($"\"{container}\"", json, StringComparison.Ordinal);
        }

        // Data-plane roles: Blob, Queue and Table Data Contributor.
        foreach (var role in new[] { "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3" })
        {
            Assert.Contains(role, json, StringComparison.Ordinal);
        }

        Assert.Contains("@Microsoft.KeyVault(VaultName=", json, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", json, StringComparison.Ordinal);
    }
}
