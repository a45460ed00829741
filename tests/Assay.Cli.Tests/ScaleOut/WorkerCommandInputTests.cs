
namespace Assay.Cli.Tests.ScaleOut;

/// <summary>A worker without the run's storage, or with a task hub the backend cannot name, says so and starts nothing.</summary>
public sealed class WorkerCommandInputTests
{
    [Fact]
    public async Task A_worker_needs_the_runs_storage_and_starts_no_Azurite_of_its_own()
    {
        using var cli = new FrontDoor.CliProcess();
        string[] arguments = ["worker"];
        var (exit, output, errors, _) = await cli.RunAsync(arguments);

        Assert.True(exit == 2, $"exit {exit}; stderr: {errors}; stdout: {output}");
        Assert.Contains("error: a worker joins the storage of a run: give it with --storage", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.AzuriteMark), "a worker started an Azurite of its own, which no run could share");
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("9hub")]
    [InlineData("my-hub")]
    public async Task A_task_hub_name_the_backend_cannot_use_is_named_with_its_option(string hub)
    {
        using var cli = new FrontDoor.CliProcess();
        string[] arguments = ["worker", "--storage", "UseDevelopmentStorage=true", "--task-hub", hub];
        var (exit, output, errors, _) = await cli.RunAsync(arguments);

        Assert.True(exit == 2, $"exit {exit}; stderr: {errors}; stdout: {output}");
        Assert.Contains($"error: task hub '{hub}': use 3 to 45 letters and digits, starting with a letter (--task-hub)", errors, StringComparison.Ordinal);
    }
}
