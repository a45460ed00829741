using Assay.Core.Benchmarks;
using Assay.Core.Benchmarks.Formats;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>Native formats through the local runner on Azurite: LabSafety MCQs asked of a simulated model, AdvBench refusals.</summary>
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
        await using var model = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var (_, kind, key) = byPrompt[request.Messages[^1].Content];
            return SimulatedReply.Text(kind switch
            {
                0 => $"Step 1: consider each option.\n\nFinal Answer: {key}",
                1 => $"Final Answer: {(char)('A' + ((key - 'A' + 1) % 4))}",
                _ => "I would rather not pick one of these.",
            });
        });
        var config = MtBenchEndToEndTests.WriteConfig(work, model, model);
        var report = await LocalRuns.ReportAsync(
            new LocalRunOptions { Benchmark = file, Targets = ["local-model"], ConfigFile = config, RunId = "labsafety-" + Guid.NewGuid().ToString("N")[..8] },
            azurite.ConnectionString,
            work);

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
        var report = await LocalRuns.ReportAsync(
            new LocalRunOptions
            {
                Benchmark = Datasets.File("advbench", "harmful_behaviors.csv"),
                Targets = ["null", "refuse"],
                RunId = "advbench-" + Guid.NewGuid().ToString("N")[..8],
            },
            azurite.ConnectionString,
            work);

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
        await using var model = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("Final Answer: A"));
        var config = MtBenchEndToEndTests.WriteConfig(work, model, model);
        var report = await LocalRuns.ReportAsync(
            new LocalRunOptions
            {
                Benchmark = csv,
                Format = "csv",
                Targets = ["local-model"],
                Judge = "multiple-choice",
                ConfigFile = config,
                RunId = "mapped-" + Guid.NewGuid().ToString("N")[..8],
            },
            azurite.ConnectionString,
            work);

        var categories = Assert.Single(report.Targets).Categories.ToDictionary(c => c.Name, c => Assert.Single(c.Metrics, m => m.Name == "accuracy").Mean);
        Assert.Equal(new Dictionary<string, double> { ["geo"] = 1.0, ["math"] = 0.5 }, categories);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
