using System.CommandLine;
using Assay.Cli;
using Assay.Core.Benchmarks;

var benchmark = new Option<string>("--benchmark", "-b") { Description = "Benchmark file (or blob:NAME in the benchmarks container)", Required = true };
var format = new Option<string?>("--format") { Description = $"Benchmark format when the file name does not tell ({string.Join(", ", BenchmarkFormats.Names)})" };
var targets = new Option<string[]>("--target", "-t")
{
    Description = "Model under test, repeatable: an endpoint name from configuration, null, refuse, or recorded:FILE_OR_FOLDER; NAME=... renames it",
    Arity = ArgumentArity.OneOrMore,
};
var judge = new Option<string?>("--judge", "-j") { Description = "Judge: refusal, or mt-bench:ENDPOINT (default: the benchmark's own)" };
var judgeEndpoint = new Option<string?>("--judge-endpoint") { Description = "Endpoint of the benchmark's default LLM judge" };
var outDirectory = new Option<string?>("--out", "-o") { Description = "Also write report.json and report.md under this folder" };
var runId = new Option<string?>("--run-id") { Description = "Run id; running an unfinished id again resumes it" };
var storage = new Option<string?>("--storage") { Description = "Storage connection string (default: Storage__ConnectionString, else a local Azurite)" };
var data = new Option<string?>("--data") { Description = "Folder where the local Azurite keeps its data, so a run can be resumed" };
var batchSize = new Option<int?>("--batch-size") { Description = "Cases per batch (default: the benchmark's)" };
var maxInFlight = new Option<int>("--max-in-flight") { Description = "Batches in flight at once", DefaultValueFactory = _ => 8 };
var config = new Option<string?>("--config") { Description = "JSON configuration file (a local.settings.json works)" };

var run = new Command("run", "Run an evaluation locally on the Durable Task Azure Storage backend");
foreach (var option in new Option[] { benchmark, format, targets, judge, judgeEndpoint, outDirectory, runId, storage, data, batchSize, maxInFlight, config })
{
    run.Options.Add(option);
}

run.SetAction(async (parse, ct) =>
{
    var options = new LocalRunOptions
    {
        Benchmark = parse.GetValue(benchmark)!,
        Format = parse.GetValue(format),
        Targets = parse.GetValue(targets) ?? [],
        Judge = parse.GetValue(judge),
        JudgeEndpoint = parse.GetValue(judgeEndpoint),
        OutDirectory = parse.GetValue(outDirectory),
        RunId = parse.GetValue(runId),
        Storage = parse.GetValue(storage),
        DataDirectory = parse.GetValue(data),
        BatchSize = parse.GetValue(batchSize),
        MaxInFlight = parse.GetValue(maxInFlight),
        ConfigFile = parse.GetValue(config),
    };
    return await CliEntryPoint.RunAsync(options, Console.Out, Console.Error, ct);
});

var root = new RootCommand("assay: evaluate language models with checked judges");
root.Subcommands.Add(run);
return await root.Parse(args).InvokeAsync();
