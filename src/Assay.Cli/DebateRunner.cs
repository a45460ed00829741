using Assay.Cli.Local;
using Assay.Core.Debates;
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
/// <c>assay debate</c>: checks the claims file, modes and endpoint names locally, brings up storage and the local
/// durable host as <c>assay run</c> does, starts (or resumes, same run id) a <see cref="DebateRunOrchestrator"/> and
/// prints its Markdown report.
/// </summary>
public sealed class DebateRunner(TextWriter output, TextWriter progress)
{
    public async Task<int> RunAsync(DebateOptions options, CancellationToken ct)
    {
        var configuration = CliConfiguration.Build(options.ConfigFile);
        var runId = options.RunId ?? LocalRunner.NewRunId("debate-");
        var request = await PrepareAsync(options, configuration, runId, ct).ConfigureAwait(false);

        await using var host = await LocalSession.StartAsync(configuration, options.Storage, options.DataDirectory, ct).ConfigureAwait(false);
        var store = host.Store;
        await LocalInstances.StartOrResumeAsync(
            host, nameof(DebateRunOrchestrator), request, runId, $"debate run {runId}",
            $"started ({string.Join(", ", request.Modes)}; at most {request.MaxRounds} rounds)",
            async () =>
            {
                var benchmarks = await store.BenchmarksAsync(ct).ConfigureAwait(false);
                await benchmarks.GetBlobClient(request.ClaimsBlob).UploadAsync(options.Claims, overwrite: true, ct).ConfigureAwait(false);
            },
            progress, ct).ConfigureAwait(false);

        var final = await LocalInstances.WaitAsync<DebateProgress>(
            host.Client, runId, $"debate run {runId}", s => $"[{s.Phase}] debates finished {s.Finished}/{s.Debates}", progress, ct).ConfigureAwait(false);
        if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            await RunFailureReport.WriteAsync(final, $"debate run {runId}", LocalRunner.FailureFile(options.OutDirectory, runId), progress, ct).ConfigureAwait(false);
            return 1;
        }

        var reports = await store.ReportsAsync(ct).ConfigureAwait(false);
        var json = (await reports.GetBlobClient(DebateBlobNames.ReportJson(runId)).DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content.ToString();
        var markdown = (await reports.GetBlobClient(DebateBlobNames.ReportMarkdown(runId)).DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content.ToString();
        if (options.OutDirectory is { } outDirectory)
        {
            var directory = Directory.CreateDirectory(Path.Combine(outDirectory, BlobNames.Safe(runId)));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "debate-report.json"), json, ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "debate-report.md"), markdown, ct).ConfigureAwait(false);
            var html = (await reports.GetBlobClient(DebateBlobNames.ReportHtml(runId)).DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content.ToString();
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "report.html"), html, ct).ConfigureAwait(false);
            await progress.WriteLineAsync($"report written to {directory.FullName}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(markdown).ConfigureAwait(false);
        await progress.WriteLineAsync($"debate run {runId}: done; transcripts under results/debates/{BlobNames.Safe(runId)}/").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Everything that can be checked before storage starts: file, line and field for a bad claim.</summary>
    internal static async Task<DebateRunRequest> PrepareAsync(DebateOptions options, IConfiguration configuration, string runId, CancellationToken ct)
    {
        if (!File.Exists(options.Claims))
        {
            throw new CliException($"--claims {options.Claims}: no such file");
        }

        if (options.Rounds < 1)
        {
            throw new CliException($"--rounds {options.Rounds}: must be at least 1");
        }

        if (options.MaxInFlight < 1)
        {
            throw new CliException($"--max-in-flight {options.MaxInFlight}: debates in progress at once, at least 1");
        }

        if (options.Limit is < 1)
        {
            throw new CliException($"--limit {options.Limit}: must be at least 1");
        }

        IReadOnlyList<string> modes;
        try
        {
            modes = DebateModes.Parse(options.Modes);
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"--modes: {ex.Message}");
        }

        await LogicomClaims.ReadFileAsync(options.Claims, options.Limit, ct).ConfigureAwait(false);
        var endpoints = new DebateEndpoints(options.Persuader, options.Helper ?? options.Persuader, options.Debater, options.Moderator);
        var known = configuration.GetSection("Endpoints").GetChildren().Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = new[] { endpoints.Persuader, endpoints.Helper, endpoints.Debater, endpoints.Moderator }.Where(e => !known.Contains(e)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            var list = known.Count == 0 ? "none are configured" : "known: " + string.Join(", ", known.Order());
            throw new CliException($"unknown endpoint {string.Join(", ", unknown.Select(u => $"'{u}'"))} ({list}); configure it as Endpoints__NAME__Kind/BaseUrl/Model/ApiKey");
        }

        return new DebateRunRequest(
            runId, DebateBlobNames.UploadedClaims(runId, options.Claims), Path.GetFileName(options.Claims), modes, options.Rounds, endpoints,
            options.Limit, options.MaxInFlight, options.NoCache);
    }
}
