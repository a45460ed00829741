using Assay.Cli.Local;
using Assay.Core.Judges;
using Assay.Core.RedTeam;
using Assay.Core.Reports;
using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Assay.Durable.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assay.Cli;

/// <summary>
/// <c>assay redteam</c>: generates an ASTRAL suite with <see cref="GenerateSuiteOrchestrator"/> (instance
/// <c>{runId}~suite</c>), then evaluates it with a normal <see cref="RunEvaluationOrchestrator"/> run (instance
/// <c>{runId}</c>, prepared by <see cref="RunPlanning"/>, judge <c>astral-oracle</c>, with the null canary judged alongside
/// like any run with an LLM judge), and writes the red-team report (JSON, Markdown and report.html).
/// Running the same run id again resumes whichever step was unfinished.
/// </summary>
public sealed class RedTeamRunner(TextWriter output, TextWriter progress)
{
    public async Task<int> RunAsync(RedTeamOptions options, CancellationToken ct)
    {
        var configuration = CliConfiguration.Build(options.ConfigFile);
        var runId = options.RunId ?? LocalRunner.NewRunId("redteam-");
        var (suiteRequest, runPlan) = await PrepareAsync(options, configuration, runId, ct).ConfigureAwait(false);

        await using var host = await LocalSession.StartAsync(configuration, options.Storage, options.DataDirectory, ct).ConfigureAwait(false);
        var store = host.Store;

        var suiteId = SuiteInstanceId(runId);
        await LocalInstances.StartOrResumeAsync(host, nameof(GenerateSuiteOrchestrator), suiteRequest, suiteId, suiteId, "started", null, progress, ct).ConfigureAwait(false);
        var suiteState = await LocalInstances.WaitAsync<RedTeamProgress>(
            host.Client, suiteId, suiteId, s => $"[{s.Phase}] generator chunks {s.Finished}/{s.Chunks}", progress, ct).ConfigureAwait(false);
        if (suiteState.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            await RunFailureReport.WriteAsync(suiteState, $"red-team suite {suiteId}", LocalRunner.FailureFile(options.OutDirectory, suiteId), progress, ct).ConfigureAwait(false);
            return 1;
        }

        var suite = suiteState.ReadOutputAs<RedTeamSuiteResult>() ?? throw new InvalidOperationException("the suite generation completed without a result");
        await progress.WriteLineAsync($"suite: {suite.Cases} prompts over {suite.Cells} cells ({suite.CellsFull} with K unique) in blob {suite.SuiteBlob}").ConfigureAwait(false);
        if (suite.Cases == 0)
        {
            await progress.WriteLineAsync($"red-team {runId}: the generator produced no usable prompt; see the coverage in results/{suite.CoverageBlob}").ConfigureAwait(false);
            return 1;
        }

        await LocalInstances.StartOrResumeAsync(host, nameof(RunEvaluationOrchestrator), runPlan.Request, runId, runId, "started", null, progress, ct).ConfigureAwait(false);
        var runState = await RunProgressWatcher.WaitAsync(host.Client, runId, progress, ct).ConfigureAwait(false);
        if (runState.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            await RunFailureReport.WriteAsync(runState, $"run {runId}", LocalRunner.FailureFile(options.OutDirectory, runId), progress, ct).ConfigureAwait(false);
            return 1;
        }

        var reports = await store.ReportsAsync(ct).ConfigureAwait(false);
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var benchmarks = await store.BenchmarksAsync(ct).ConfigureAwait(false);
        var runReport = ReportJson.Deserialize((await reports.GetBlobClient(BlobNames.ReportJson(runId)).DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content.ToString());
        var coverage = await RunStore.TryReadJsonAsync<SuiteCoverage>(results, suite.CoverageBlob, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the coverage blob {suite.CoverageBlob} is missing");
        var report = RedTeamReport.Build("blob:" + suite.SuiteBlob, options.Oracle, coverage, runReport);
        var json = System.Text.Json.JsonSerializer.Serialize(report, Core.AssayJson.Indented);
        var markdown = report.ToMarkdown();
        await RunStore.WriteTextAsync(reports, RedTeamBlobNames.ReportJson(runId), json, "application/json", ct).ConfigureAwait(false);
        await RunStore.WriteTextAsync(reports, RedTeamBlobNames.ReportMarkdown(runId), markdown, "text/markdown", ct).ConfigureAwait(false);
        var html = RedTeamHtml.Render(report, runReport);
        await RunStore.WriteTextAsync(reports, RedTeamBlobNames.ReportHtml(runId), html, "text/html", ct).ConfigureAwait(false);
        if (options.OutDirectory is { } outDirectory)
        {
            var directory = Directory.CreateDirectory(Path.Combine(outDirectory, BlobNames.Safe(runId)));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "redteam-report.json"), json, ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "redteam-report.md"), markdown, ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "report.json"), ReportJson.Serialize(runReport), ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "report.html"), html, ct).ConfigureAwait(false);
            var suiteFile = Path.Combine(directory.FullName, "suite.jsonl");
            await benchmarks.GetBlobClient(suite.SuiteBlob).DownloadToAsync(suiteFile, ct).ConfigureAwait(false);
            await progress.WriteLineAsync($"report written to {directory.FullName}; suite saved as {suiteFile} (assay run --benchmark {suiteFile})").ConfigureAwait(false);
        }

        await output.WriteLineAsync(markdown).ConfigureAwait(false);
        await progress.WriteLineAsync($"red-team {runId}: done; suite reusable as --benchmark blob:{suite.SuiteBlob}").ConfigureAwait(false);
        return 0;
    }

    public static string SuiteInstanceId(string runId) => $"{runId}~suite";

    /// <summary>Everything that can be checked before storage starts: plan values, endpoint names, targets.</summary>
    internal static async Task<(RedTeamSuiteRequest Suite, PreparedRun Run)> PrepareAsync(RedTeamOptions options, IConfiguration configuration, string runId, CancellationToken ct)
    {
        if (options.MaxInFlight < 1)
        {
            throw new CliException($"--max-in-flight {options.MaxInFlight}: chunks and batches in flight at once, at least 1");
        }

        var suite = new RedTeamSuiteRequest(
            runId, options.Generator, options.PerCell, options.Seed, options.Cells, options.Categories.Count == 0 ? null : options.Categories,
            MaxInFlight: options.MaxInFlight, NoCache: options.NoCache);
        try
        {
            suite.Plan();
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"redteam: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal)}");
        }

        var known = configuration.GetSection("Endpoints").GetChildren().Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!known.Contains(options.Generator))
        {
            throw new CliException($"--generator: unknown endpoint '{options.Generator}' ({(known.Count == 0 ? "none are configured" : "known: " + string.Join(", ", known.Order()))})");
        }

        // The evaluation is an ordinary run on the suite blob: the same checks of targets and judge endpoint.
        var run = await RunPlanning.PrepareAsync(
            new LocalRunOptions
            {
                Benchmark = "blob:" + RedTeamBlobNames.Suite(runId),
                Format = Core.Benchmarks.AssayJsonlFormat.FormatName,
                Targets = options.Targets,
                Judge = $"{AstralOracleJudge.JudgeName}:{options.Oracle}",
                MaxInFlight = options.MaxInFlight,
                NoCache = options.NoCache,
            },
            configuration, runId, ct).ConfigureAwait(false);
        return (suite, run);
    }
}
