using System.Reflection;
using System.Text.Json;
using Assay.Durable;
using Assay.Testing;

namespace Assay.Functions.Tests;

/// <summary>
/// <c>func</c> cannot run here, so the host's view of the app is checked where the host reads it: the
/// <c>functions.metadata</c> the Functions SDK writes at build time.
/// </summary>
public sealed class FunctionMetadataTests
{
    /// <summary>The durable tasks (one list, <see cref="AssayTasks"/>), then the app's own triggers.</summary>
    public static TheoryData<string, string, string> Triggers
    {
        get
        {
            var triggers = new TheoryData<string, string, string>();
            foreach (var task in AssayTasks.All)
            {
                triggers.Add(task.Name, task.Kind == AssayTaskKind.Orchestrator ? "orchestrationTrigger" : "activityTrigger", string.Empty);
            }

            triggers.Add("StartRun", "httpTrigger", "post runs");
            triggers.Add("ListRuns", "httpTrigger", "get runs");
            triggers.Add("GetRun", "httpTrigger", "get runs/{id}");
            triggers.Add("CancelRun", "httpTrigger", "post runs/{id}/cancel");
            triggers.Add("CheckStuckRun", "httpTrigger", "get admin/runs/{id}/stuck");
            triggers.Add("RepairStuckRun", "httpTrigger", "post admin/runs/{id}/repair");
            triggers.Add("BenchmarkUploaded", "blobTrigger", "benchmarks/{name} EventGrid");
            triggers.Add("NightlyRuns", "timerTrigger", "%NightlySchedule%");
            triggers.Add("PurgeHistory", "timerTrigger", "%PurgeSchedule%");
            return triggers;
        }
    }

    /// <summary>Each durable task's trigger is a method of the app whose parameter has the task's trigger attribute.</summary>
    [Fact]
    public void Every_durable_task_has_its_trigger_in_the_app()
    {
        var methods = typeof(DurableFunctions).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Name: m.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>()?.Name))
            .Where(m => m.Name is not null).ToDictionary(m => m.Name!, m => m.Method, StringComparer.Ordinal);

        foreach (var task in AssayTasks.All)
        {
            Assert.True(methods.TryGetValue(task.Name, out var method), $"no [Function(\"{task.Name}\")] in Assay.Functions");
            var trigger = task.Kind == AssayTaskKind.Orchestrator
                ? typeof(Microsoft.Azure.Functions.Worker.OrchestrationTriggerAttribute)
                : typeof(Microsoft.Azure.Functions.Worker.ActivityTriggerAttribute);
            Assert.Contains(method!.GetParameters(), p => p.GetCustomAttribute(trigger) is not null);
        }
    }

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
