using System.Diagnostics;
using System.Globalization;
using System.Text;
using Assay.Cli.Local;
using Assay.Core.Reports;
using Assay.Durable.Storage;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Assay.Cli;

/// <summary>
/// <c>assay report RUN</c> fetches a finished run's reports (print the summary, write the files, open the page) and
/// <c>assay compare A B</c> sets two runs side by side with the same regression rule the nightly comparison uses.
/// Both read the storage <c>assay run</c> wrote to: <c>--storage</c>, <c>Storage__ConnectionString</c> or <c>--data</c>.
/// </summary>
public sealed class ReportCommands(TextWriter output, TextWriter progress)
{
    public async Task<int> ReportAsync(string runId, string? storage, string? data, string? configFile, string? outDirectory, bool open, CancellationToken ct)
    {
        await using var session = await OpenAsync(storage, data, configFile, ct).ConfigureAwait(false);
        var markdown = await session.ReadAsync(BlobNames.ReportMarkdown(runId), ct).ConfigureAwait(false) ?? throw NotFound(runId);
        await output.WriteLineAsync(markdown).ConfigureAwait(false);
        if (outDirectory is null && !open)
        {
            return 0;
        }

        var folder = Directory.CreateDirectory(Path.Combine(outDirectory ?? Path.GetTempPath(), BlobNames.Safe(runId))).FullName;
        foreach (var name in new[] { "report.json", "report.md", "report.html" })
        {
            if (await session.ReadAsync($"{BlobNames.Safe(runId)}/{name}", ct).ConfigureAwait(false) is { } content)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, name), content, ct).ConfigureAwait(false);
            }
        }

        await progress.WriteLineAsync($"report written to {folder}").ConfigureAwait(false);
        if (open)
        {
            Open(Path.Combine(folder, "report.html"));
        }

        return 0;
    }

    public async Task<int> CompareAsync(string runA, string runB, string? storage, string? data, string? configFile, CancellationToken ct)
    {
        await using var session = await OpenAsync(storage, data, configFile, ct).ConfigureAwait(false);
        var a = await session.ReadReportAsync(runA, ct).ConfigureAwait(false) ?? throw NotFound(runA);
        var b = await session.ReadReportAsync(runB, ct).ConfigureAwait(false) ?? throw NotFound(runB);
        if (a.Benchmark != b.Benchmark || a.Judge != b.Judge)
        {
            await progress.WriteLineAsync($"note: comparing {a.Benchmark} judged by {a.Judge} with {b.Benchmark} judged by {b.Judge}").ConfigureAwait(false);
        }

        var comparison = RunComparison.Compare(a, b);
        var text = new StringBuilder($"# {MarkdownReportRenderer.Escape(runB)} against {MarkdownReportRenderer.Escape(runA)}\n\n");
        text.Append("| target | metric | ").Append(MarkdownReportRenderer.Escape(runA)).Append(" | ").Append(MarkdownReportRenderer.Escape(runB)).Append(" | change | verdict |\n|---|---|---:|---:|---:|---|\n");
        foreach (var change in comparison.Changes)
        {
            var verdict = change.Regression ? "⚠ regression" : change.Improvement ? "improvement" : "within noise";
            text.Append(CultureInfo.InvariantCulture, $"| {MarkdownReportRenderer.Escape(change.Target)} | {change.Metric} | {Cell(change.Previous)} | {Cell(change.Current)} | {change.Delta:+0.###;-0.###;0} | {verdict} |\n");
        }

        await output.WriteLineAsync(text.ToString()).ConfigureAwait(false);
        return comparison.Regressions.Any() ? 3 : 0;
    }

    private static string Cell(MetricSummary m) => string.Create(CultureInfo.InvariantCulture, $"{m.Mean:0.###} [{m.CiLow:0.###}, {m.CiHigh:0.###}]");

    private static CliException NotFound(string runId) => new($"no report for run '{runId}' in this storage (is the run finished, and is this the storage it ran on?)");

    private static void Open(string file)
    {
        try
        {
            Process.Start(new ProcessStartInfo("xdg-open", new Uri(file).AbsoluteUri) { UseShellExecute = false })?.Dispose();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No desktop opener here: the path above is what to open.
        }
    }

    private static async Task<ReportSession> OpenAsync(string? storage, string? data, string? configFile, CancellationToken ct)
    {
        var configuration = CliConfiguration.Build(configFile);
        var connection = storage ?? configuration["Storage:ConnectionString"];
        if (connection is null && data is null)
        {
            throw new CliException("name the storage the run used: --storage CONNECTION_STRING, Storage__ConnectionString, or --data FOLDER");
        }

        var azurite = connection is null ? await AzuriteProcess.StartAsync(data, ct).ConfigureAwait(false) : null;
        var reports = new BlobServiceClient(connection ?? azurite!.ConnectionString).GetBlobContainerClient(configuration["Storage:ReportsContainer"] ?? "reports");
        return new ReportSession(reports, azurite);
    }

    private sealed class ReportSession(BlobContainerClient reports, AzuriteProcess? azurite) : IAsyncDisposable
    {
        public async Task<string?> ReadAsync(string blob, CancellationToken ct)
        {
            try
            {
                return (await reports.GetBlobClient(blob).DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content.ToString();
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return null;
            }
        }

        public async Task<EvaluationReport?> ReadReportAsync(string runId, CancellationToken ct) =>
            await ReadAsync(BlobNames.ReportJson(runId), ct).ConfigureAwait(false) is { } json ? ReportJson.Deserialize(json) : null;

        public async ValueTask DisposeAsync()
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
