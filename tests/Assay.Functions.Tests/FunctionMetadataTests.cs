using System.Reflection;
using System.Text.Json;
using Assay.Testing;

namespace Assay.Functions.Tests;

/// <summary>
/// <c>func</c> cannot run here, so the host's view of the app is checked where the host reads it: the
/// <c>functions.metadata</c> the Functions SDK writes at build time.
/// </summary>
public sealed class FunctionMetadataTests
{
    public static TheoryData<string, string, string> Triggers => new()
    {
        { "RunEvaluationOrchestrator", "orchestrationTrigger", "" },
        { "EvaluateShardOrchestrator", "orchestrationTrigger", "" },
        { "PlanRunActivity", "activityTrigger", "" },
        { "GenerateAnswersActivity", "activityTrigger", "" },
        { "JudgeAnswersActivity", "activityTrigger", "" },
        { "AggregateResultsActivity", "activityTrigger", "" },
        { "UpdateHistoryActivity", "activityTrigger", "" },
        { "WriteReportActivity", "activityTrigger", "" },
        { "DebateRunOrchestrator", "orchestrationTrigger", "" },
        { "DebateOrchestrator", "orchestrationTrigger", "" },
        { "PlanDebatesActivity", "activityTrigger", "" },
        { "DebateRoundActivity", "activityTrigger", "" },
        { "AggregateDebatesActivity", "activityTrigger", "" },
        { "GenerateSuiteOrchestrator", "orchestrationTrigger", "" },
        { "GenerateCellsActivity", "activityTrigger", "" },
        { "WriteSuiteActivity", "activityTrigger", "" },
        { "StartRun", "httpTrigger", "post runs" },
        { "ListRuns", "httpTrigger", "get runs" },
        { "GetRun", "httpTrigger", "get runs/{id}" },
        { "CancelRun", "httpTrigger", "post runs/{id}/cancel" },
        { "CheckStuckRun", "httpTrigger", "get admin/runs/{id}/stuck" },
        { "RepairStuckRun", "httpTrigger", "post admin/runs/{id}/repair" },
        { "BenchmarkUploaded", "blobTrigger", "benchmarks/{name} EventGrid" },
        { "NightlyRuns", "timerTrigger", "%NightlySchedule%" },
        { "PurgeHistory", "timerTrigger", "%PurgeSchedule%" },
    };

    [Fact]
    public void The_metadata_lists_exactly_the_apps_functions()
    {
        var names = Functions().Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal);

        Assert.Equal(Triggers.Select(t => (string)t[0]).Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Each_function_has_the_right_trigger_and_binding(string name, string trigger, string details)
    {
        var function = Functions().Single(f => f.GetProperty("name").GetString() == name);
        var bindings = function.GetProperty("bindings").EnumerateArray().ToList();
        var triggerBinding = Assert.Single(bindings, b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

        Assert.Equal(trigger, triggerBinding.GetProperty("type").GetString());
        Assert.Equal("In", triggerBinding.GetProperty("direction").GetString());
        switch (trigger)
        {
            case "httpTrigger":
                // Operations on a run's durable state (issue 19) take the host's admin key, not a function key.
                var admin = details.Contains(" admin/", StringComparison.Ordinal);
                Assert.Equal(admin ? "Admin" : "Function", triggerBinding.GetProperty("authLevel").GetString());
                var methods = string.Join(",", triggerBinding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
                Assert.Equal(details, $"{methods} {triggerBinding.GetProperty("route").GetString()}");
                Assert.Equal(name != "CheckStuckRun", bindings.Any(b => b.GetProperty("type").GetString() == "durableClient"));
                Assert.Contains(bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
                break;
            case "blobTrigger":
                Assert.Equal(details, $"{triggerBinding.GetProperty("path").GetString()} {triggerBinding.GetProperty("source").GetString()}");
                Assert.Equal("AzureWebJobsStorage", triggerBinding.GetProperty("connection").GetString());
                Assert.Contains(bindings, b => b.GetProperty("type").GetString() == "durableClient");
                break;
            case "timerTrigger":
                Assert.Equal(details, triggerBinding.GetProperty("schedule").GetString());
                Assert.Contains(bindings, b => b.GetProperty("type").GetString() == "durableClient");
                break;
        }
    }

    private static List<JsonElement> Functions()
    {
        var configuration = typeof(FunctionMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(Datasets.RepoRoot, "src", "Assay.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"build src/Assay.Functions first: {path} is missing");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
