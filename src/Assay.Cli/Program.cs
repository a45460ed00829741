using System.CommandLine;
using Assay.Cli;
using Assay.Core.Benchmarks;
using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Assay.Durable.Runs;

var benchmark = new Option<string>("--benchmark", "-b") { Description = "Benchmark file (or blob:NAME in the benchmarks container)", Required = true };
var format = new Option<string?>("--format") { Description = $"Benchmark format when the file name does not tell ({string.Join(", ", BenchmarkFormats.Names)})" };
var targets = new Option<string[]>("--target", "-t")
{
    Description = $"Model under test, repeatable: {TargetKinds.Accepted} (an endpoint is named in configuration; recorded:FOLDER gives one target per answers file; NAME=... renames a target; ENDPOINT~MUTATION+STRATEGY asks a variant: gpt4+cqot, gpt4~base64, see docs/task-styles.md)",
    Arity = ArgumentArity.OneOrMore,
};
var judge = new Option<string?>("--judge", "-j") { Description = Assay.Core.Judges.Catalogue.JudgeCatalogue.HelpText() };
var judgeEndpoint = new Option<string?>("--judge-endpoint") { Description = "Endpoint of the benchmark's default LLM judge" };
var outDirectory = new Option<string?>("--out", "-o") { Description = "Also write report.json and report.md under this folder" };
var runId = new Option<string?>("--run-id") { Description = "Run id; running an unfinished id again resumes it" };
var storage = new Option<string?>("--storage") { Description = "Storage connection string (default: Storage__ConnectionString, else a local Azurite)" };
var data = new Option<string?>("--data") { Description = "Folder where the local Azurite keeps its data, so a run can be resumed" };
var batchSize = new Option<int?>("--batch-size") { Description = "Cases per batch (default: chosen from the endpoints' MaxConcurrency, at least the benchmark's)" };
var maxInFlight = new Option<int?>("--max-in-flight") { Description = "Batches generating at once, twice that generating or judging (default: two per target, at least 4)" };
var shardBatches = new Option<int>("--shard-batches")
{
    Description = "A run of more batches (per target) is evaluated in sub-orchestrations of this many batches each; 0 keeps one orchestration",
    DefaultValueFactory = _ => RunEvaluationOrchestrator.DefaultShardBatches,
};
var config = new Option<string?>("--config") { Description = "JSON configuration file (a local.settings.json works)" };
var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature of endpoint targets" };
var maxTokens = new Option<int?>("--max-tokens") { Description = "Most tokens an endpoint target may answer per turn" };
var seed = new Option<long?>("--seed") { Description = "Sampling seed of endpoint targets (offset by the sample index with --repeats)" };
var stop = new Option<string[]>("--stop") { Description = "Stop sequence, repeatable", Arity = ArgumentArity.OneOrMore };
var repeats = new Option<int>("--repeats") { Description = "Samples per case for endpoint targets (the report averages them and records their variance)", DefaultValueFactory = _ => 1 };
var noCanary = new Option<bool>("--no-canary") { Description = "Do not judge the null model alongside as a canary (judged by default with LLM judges)" };
var baseline = new Option<string?>("--baseline") { Description = "For pairwise judges (arena-hard, mt-bench-pair): the target the others are compared with" };
var arena = new Option<bool>("--arena") { Description = "For pairwise judges, instead of --baseline: judge every pair of targets (Bradley-Terry ratings and a win matrix)" };
var taskHub = new Option<string?>("--task-hub") { Description = "Task hub on the storage account, shared with `assay worker` processes (default: TaskHubName, else assay)" };
var lcDifficulty = new Option<string?>("--lc-difficulty") { Description = "AlpacaEval's instruction_difficulty.csv (or blob:NAME): the LC win rate becomes AlpacaEval's length_controlled_v1 (needs --baseline)" };
var lcGamed = new Option<string?>("--lc-gamed") { Description = "AlpacaEval's df_gamed.csv (or blob:NAME): LC v1's regularisation toward the gamed baselines (with --lc-difficulty)" };
var noCache = new Option<bool>("--no-cache") { Description = "Call the endpoints even for requests the response cache has answered before" };

var run = new Command("run", "Run an evaluation locally on the Durable Task Azure Storage backend");
foreach (var option in new Option[] { benchmark, format, targets, judge, judgeEndpoint, outDirectory, runId, storage, data, batchSize, maxInFlight, config, temperature, maxTokens, seed, stop, repeats, noCache, noCanary, baseline })
{
    run.Options.Add(option);
}

run.Options.Add(arena);
run.Options.Add(shardBatches);
run.Options.Add(taskHub);
run.Options.Add(lcDifficulty);
run.Options.Add(lcGamed);

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
        Sampling = new SamplingOptions(parse.GetValue(temperature), parse.GetValue(maxTokens), parse.GetValue(seed), parse.GetValue(stop), parse.GetValue(repeats)),
        NoCache = parse.GetValue(noCache),
        NoCanary = parse.GetValue(noCanary),
        Baseline = parse.GetValue(baseline),
        Arena = parse.GetValue(arena),
        ShardBatches = parse.GetValue(shardBatches),
        TaskHub = parse.GetValue(taskHub),
        LcDifficulty = parse.GetValue(lcDifficulty),
        LcGamed = parse.GetValue(lcGamed),
    };
    return await CliEntryPoint.RunAsync(options, Console.Out, Console.Error, ct);
});

var reportRun = new Argument<string>("run-id") { Description = "The run whose report to fetch" };
var open = new Option<bool>("--open") { Description = "Open report.html in the desktop's browser" };
var report = new Command("report", "Print a finished run's report summary, and write or open its files") { reportRun, storage, data, config, outDirectory, open };
report.SetAction((parse, ct) => CliEntryPoint.GuardAsync(
    () => new ReportCommands(Console.Out, Console.Error).ReportAsync(
        parse.GetValue(reportRun)!, parse.GetValue(storage), parse.GetValue(data), parse.GetValue(config), parse.GetValue(outDirectory), parse.GetValue(open), ct),
    Console.Error,
    ct));

var statusRun = new Argument<string>("run-id") { Description = "The run to check" };
var status = new Command("status", "Show a run's durable state and whether it can still make progress (exit code 4: stuck; resuming it repairs it)") { statusRun, storage, data, config };
status.SetAction((parse, ct) => CliEntryPoint.GuardAsync(
    () => new StatusCommand(Console.Out).RunAsync(parse.GetValue(statusRun)!, parse.GetValue(storage), parse.GetValue(data), parse.GetValue(config), ct),
    Console.Error,
    ct));

var runA = new Argument<string>("run-a") { Description = "The earlier run" };
var runB = new Argument<string>("run-b") { Description = "The later run" };
var compare = new Command("compare", "Compare two runs metric by metric; exit code 3 when the later run regressed") { runA, runB, storage, data, config };
compare.SetAction((parse, ct) => CliEntryPoint.GuardAsync(
    () => new ReportCommands(Console.Out, Console.Error).CompareAsync(
        parse.GetValue(runA)!, parse.GetValue(runB)!, parse.GetValue(storage), parse.GetValue(data), parse.GetValue(config), ct),
    Console.Error,
    ct));

var set = new Option<string>("--set") { Description = "Labelled set: LLMBar dataset.json or a folder of them (every subset in one run), PandaLM's test set, AlpacaEval annotations.json, RewardBench jsonl, or an XSTest completions csv (human final_label)", Required = true };
var setFormat = new Option<string>("--format") { Description = "llmbar, pandalm, alpaca-eval-annotations, rewardbench or xstest-labelled", Required = true };
var evalJudge = new Option<string>("--judge", "-j") { Description = $"The judge to evaluate: on pairs a pairwise judge ({Assay.Core.Judges.Catalogue.JudgeCatalogue.KnownPairwise}); on xstest-labelled a judge of one answer, such as refusal or xstest-refusal:ENDPOINT", Required = true };
var judgeEval = new Command("judge-eval", "Run a pairwise judge over labelled pairs and report its agreement with the gold labels and Cohen's kappa, per subset")
{
    set, setFormat, evalJudge, outDirectory, runId, storage, data, config, batchSize, maxInFlight,
};
judgeEval.SetAction(async (parse, ct) => await CliEntryPoint.RunAsync(
    JudgeEvalSets.RunOptions(parse.GetValue(set)!, parse.GetValue(setFormat), parse.GetValue(evalJudge)) with
    {
        OutDirectory = parse.GetValue(outDirectory),
        RunId = parse.GetValue(runId),
        Storage = parse.GetValue(storage),
        DataDirectory = parse.GetValue(data),
        ConfigFile = parse.GetValue(config),
        BatchSize = parse.GetValue(batchSize),
        MaxInFlight = parse.GetValue(maxInFlight),
    },
    Console.Out,
    Console.Error,
    ct));

var claims = new Option<string>("--claims") { Description = "LOGICOM claims CSV (all-claim-not-claim.csv: id, title, claim, reason)", Required = true };
var persuader = new Option<string>("--persuader") { Description = "Endpoint of the persuader", Required = true };
var helper = new Option<string?>("--helper") { Description = "Endpoint of the helper that rewrites the persuader's replies (default: the persuader's)" };
var debater = new Option<string>("--debater") { Description = "Endpoint of the debater (the model under test)", Required = true };
var moderator = new Option<string>("--moderator") { Description = "Endpoint of the moderator judge", Required = true };
var rounds = new Option<int>("--rounds") { Description = "Most rounds per debate", DefaultValueFactory = _ => 10 };
var modes = new Option<string>("--modes") { Description = "Persuader modes: logical, fallacious, plain (comma-separated; the first is the baseline of the differences)", DefaultValueFactory = _ => "logical,fallacious" };
var limit = new Option<int?>("--limit") { Description = "Debate only the first K claims" };
var debateInFlight = new Option<int>("--max-in-flight") { Description = "Debates in progress at once", DefaultValueFactory = _ => 4 };
var debate = new Command("debate", "LOGICOM debates: a persuader argues each claim with the debater for up to N rounds, a moderator decides whether it was convinced")
{
    claims, persuader, helper, debater, moderator, rounds, modes, limit, outDirectory, runId, storage, data, config, debateInFlight, noCache,
};
debate.SetAction((parse, ct) => CliEntryPoint.GuardAsync(
    () => new DebateRunner(Console.Out, Console.Error).RunAsync(
        new DebateOptions
        {
            Claims = parse.GetValue(claims)!,
            Persuader = parse.GetValue(persuader)!,
            Helper = parse.GetValue(helper),
            Debater = parse.GetValue(debater)!,
            Moderator = parse.GetValue(moderator)!,
            Rounds = parse.GetValue(rounds),
            Modes = parse.GetValue(modes)!,
            Limit = parse.GetValue(limit),
            OutDirectory = parse.GetValue(outDirectory),
            RunId = parse.GetValue(runId),
            Storage = parse.GetValue(storage),
            DataDirectory = parse.GetValue(data),
            ConfigFile = parse.GetValue(config),
            MaxInFlight = parse.GetValue(debateInFlight),
            NoCache = parse.GetValue(noCache),
        },
        ct),
    Console.Error,
    ct));

var generatorEndpoint = new Option<string>("--generator") { Description = "Endpoint that writes the red-team prompts", Required = true };
var oracle = new Option<string>("--oracle") { Description = "Endpoint of the astral-oracle judge (labels each answer safe/unsafe)", Required = true };
var perCell = new Option<int>("--per-cell") { Description = "Prompts asked per cell (category x style x technique)", DefaultValueFactory = _ => 3 };
var suiteSeed = new Option<int>("--seed") { Description = "Seed of the cell order, the cell sample and the generator's sampling", DefaultValueFactory = _ => 0 };
var cellCount = new Option<int?>("--cells") { Description = "Generate a seeded sample of N cells instead of the whole matrix" };
var categories = new Option<string[]>("--categories") { Description = "Safety categories by id (c1..c14) or name (self_harm; BeaverTails names contain commas, so they are not split), space-separated or repeated", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
var redteamInFlight = new Option<int>("--max-in-flight") { Description = "Generator chunks and evaluation batches in flight at once", DefaultValueFactory = _ => 4 };
var redteam = new Command("redteam", "ASTRAL red-team tests: a generator writes K prompts per safety category x writing style x persuasion technique, the targets answer, the astral-oracle judge labels each answer")
{
    generatorEndpoint, targets, oracle, perCell, suiteSeed, cellCount, categories, outDirectory, runId, storage, data, config, redteamInFlight, noCache,
};
redteam.SetAction((parse, ct) => CliEntryPoint.GuardAsync(
    () => new RedTeamRunner(Console.Out, Console.Error).RunAsync(
        new RedTeamOptions
        {
            Generator = parse.GetValue(generatorEndpoint)!,
            Targets = parse.GetValue(targets) ?? [],
            Oracle = parse.GetValue(oracle)!,
            PerCell = parse.GetValue(perCell),
            Seed = parse.GetValue(suiteSeed),
            Cells = parse.GetValue(cellCount),
            Categories = parse.GetValue(categories) ?? [],
            OutDirectory = parse.GetValue(outDirectory),
            RunId = parse.GetValue(runId),
            Storage = parse.GetValue(storage),
            DataDirectory = parse.GetValue(data),
            ConfigFile = parse.GetValue(config),
            MaxInFlight = parse.GetValue(redteamInFlight),
            NoCache = parse.GetValue(noCache),
        },
        ct),
    Console.Error,
    ct));

var worker = new Command("worker", "Join the task hub of runs on a shared storage account and run their work until stopped (scale-out: docs/scale-out.md)") { storage, taskHub, config };
worker.SetAction((parse, ct) => CliEntryPoint.GuardAsync(
    () => new WorkerCommand(Console.Error).RunAsync(parse.GetValue(storage), parse.GetValue(taskHub), parse.GetValue(config), ct),
    Console.Error,
    ct));

var root = new RootCommand("assay: evaluate language models with checked judges");
root.Subcommands.Add(run);
root.Subcommands.Add(report);
root.Subcommands.Add(status);
root.Subcommands.Add(compare);
root.Subcommands.Add(judgeEval);
root.Subcommands.Add(debate);
root.Subcommands.Add(redteam);
root.Subcommands.Add(worker);
var parsed = root.Parse(args);
// A worker stops in order on Ctrl+C or SIGTERM (leave the registry, the worker, then the sidecar), which needs more
// than System.CommandLine's default 2 s before it gives up on the command.
var termination = parsed.CommandResult.Command == worker ? WorkerCommand.StopGrace : TimeSpan.FromSeconds(2);
var exit = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = termination });
// A mistyped option is bad input like any other: exit 2 (README), not System.CommandLine's 1.
return parsed.Errors.Count > 0 ? 2 : exit;
