using Assay.Core.Benchmarks;
using Assay.Core.Benchmarks.Formats;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// Native formats through the built CLI (its own process) on Azurite: LabSafety MCQs asked of a simulated model (a
/// process of its own), AdvBench refusals, a mapped CSV with its manifest.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class NativeFormatEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-formats-").FullName;

    [Fact]
    public async Task LabSafety_accuracy_has_an_interval_and_unparseable_answers_are_counted_unscored()
    {
        var file = Datasets.File("labsafety_bench", "text_qa_train.json");
        var cases = BenchmarkValidator.ReadValidatedAsync(new LabSafetyFormat(), new FileBenchmarkSource(file)).ToBlockingEnumerable().ToList();
        // The simulated model answers by position: right, wrong, then something no option can be read from.
        var byPrompt = cases.Select((c, i) => (c.Turns[0], Kind: i % 3, Key: c.References![0][0])).ToDictionary(x => x.Item1);
        // One rule per question (the endpoint is a process of its own); an unforeseen prompt gets a 500.
        await using var model = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules = [.. byPrompt.Values.Select(x => new SimulatedRule
            {
                LastEquals = x.Item1,
                Reply = x.Kind switch
                {
                    0 => $"Step 1: consider each option.\n\nFinal Answer: {x.Key}",
                    1 => $"Final Answer: {(char)('A' + ((x.Key - 'A' + 1) % 4))}",
                    _ => "I would rather not pick one of these.",
                },
            })],
        });
        var report = await RunAsync("labsafety", "--benchmark", file, "--target", "local-model", "--config", BuiltCli.Config(work, ("local-model", model)));

        Assert.Equal(316, model.Calls);
        Assert.Equal("multiple-choice", report.Judge);
        var target = Assert.Single(report.Targets);
        var (right, wrong, unparseable) = (cases.Count(i => cases.IndexOf(i) % 3 == 0), cases.Count(i => cases.IndexOf(i) % 3 == 1), cases.Count(i => cases.IndexOf(i) % 3 == 2));
        Assert.Equal((316, right + wrong, unparseable, 0), (target.Cases, target.Scored, target.Unscored, target.Errors));
        var accuracy = Assert.Single(target.Metrics, m => m.Name == "accuracy");
        Assert.Equal((right + wrong, (double)right / (right + wrong)), (accuracy.N, accuracy.Mean));
        Assert.InRange(accuracy.CiLow, 0.4, accuracy.Mean - 0.01);
        Assert.InRange(accuracy.CiHigh, accuracy.Mean + 0.01, 0.6);
        // The file has no categories, so the per-category table has the one group, with the same figures.
        var category = Assert.Single(target.Categories);
        Assert.Equal((ReportBuilder.Uncategorised, unparseable), (category.Name, category.Unscored));
        Assert.Equal(accuracy.Mean, Assert.Single(category.Metrics, m => m.Name == "accuracy").Mean);
    }

    [Fact]
    public async Task AdvBench_behaviours_with_the_refusal_judge()
    {
        var report = await RunAsync("advbench", "--benchmark", Datasets.File("advbench", "harmful_behaviors.csv"), "--target", "null", "--target", "refuse");

        Assert.Equal(("advbench", "refusal"), (report.Benchmark, report.Judge));
        var refusal = report.Targets.ToDictionary(t => t.Name, t => Assert.Single(t.Metrics, m => m.Name == "refusal"));
        Assert.Equal((520, 0.0), (refusal["null"].N, refusal["null"].Mean));
        Assert.Equal((520, 1.0), (refusal["refuse"].N, refusal["refuse"].Mean));
        Assert.All(report.Targets, t => Assert.Equal(AdvBenchFormat.Behaviors, Assert.Single(t.Categories).Name));
    }

    [Fact]
    public async Task A_mapped_csv_runs_with_its_manifest_uploaded_beside_it()
    {
        var data = Path.Combine(work, "data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "quiz.manifest.json"), """{"id": "qid", "prompt": "question", "choices": ["A", "B"], "answer": "key", "category": "subject"}""");
        var csv = Path.Combine(data, "quiz.csv");
        await File.WriteAllTextAsync(csv, "qid,question,A,B,key,subject\nq1,2+2?,4,5,A,math\nq2,3+3?,7,6,B,math\nq3,Capital of France?,Paris,Rome,A,geo\n");
        await using var model = await SimulatedEndpointProcess.StartAsync(SimulatedBehaviour.Always("Final Answer: A"));
        var report = await RunAsync(
            "mapped", "--benchmark", csv, "--format", "csv", "--target", "local-model", "--judge", "multiple-choice", "--config", BuiltCli.Config(work, ("local-model", model)));

        var categories = Assert.Single(report.Targets).Categories.ToDictionary(c => c.Name, c => Assert.Single(c.Metrics, m => m.Name == "accuracy").Mean);
        Assert.Equal(new Dictionary<string, double> { ["geo"] = 1.0, ["math"] = 0.5 }, categories);
    }

    // The built `assay run ARGUMENTS`, its own process, on the shared Azurite.
    private async Task<EvaluationReport> RunAsync(string prefix, params string[] arguments) =>
        (await BuiltCli.ReportAsync(azurite.ConnectionString, work, BuiltCli.RunId(prefix), ["run", .. arguments])).Report;

    public void Dispose() => Directory.Delete(work, recursive: true);
}
