using System.Text;

namespace Assay.Durable.Storage;

/// <summary>
/// Deterministic blob names, so a re-executed activity finds (or overwrites with the same content) what an earlier
/// execution wrote. Run, target and judge names are made blob-safe once, here.
/// </summary>
public static class BlobNames
{
    public static string Plan(string runId) => $"{Safe(runId)}/plan.json";

    /// <summary>
    /// Written by a cancel before it terminates the run: a shard whose start was already on its way when the run was
    /// terminated is created after the cancel looked for shards, so its activities check this and call no endpoint.
    /// </summary>
    public static string Cancelled(string runId) => $"{Safe(runId)}/cancelled.json";

    public static string Batch(string runId, int batch) => $"{Safe(runId)}/batches/{batch:D5}.jsonl";

    public static string Answers(string runId, string target, int batch) =>
        $"{Safe(runId)}/answers/{Safe(target)}/{batch:D5}.jsonl";

    public static string Judgments(string runId, string target, string judge, int batch) =>
        $"{Safe(runId)}/judgments/{Safe(target)}/{Safe(judge)}/{batch:D5}.jsonl";

    /// <summary>An arena run's judgments of <paramref name="target"/> against one <paramref name="opponent"/>.</summary>
    public static string ArenaJudgments(string runId, string target, string opponent, string judge, int batch) =>
        $"{Safe(runId)}/judgments/{Safe(target)}/{Safe(judge)}/vs/{Safe(opponent)}/{batch:D5}.jsonl";

    public static string ReportJson(string runId) => $"{Safe(runId)}/report.json";

    public static string ReportMarkdown(string runId) => $"{Safe(runId)}/report.md";

    public static string ReportHtml(string runId) => $"{Safe(runId)}/report.html";

    /// <summary>Where the local runner uploads a benchmark file (and its related files) for a run.</summary>
    public static string UploadedBenchmark(string runId, string relativePath) =>
        $"runs/{Safe(runId)}/{relativePath.Replace('\\', '/').TrimStart('/')}";

    /// <summary>Letters, digits, '-', '_' and '.'; anything else becomes '_' so names cannot escape their folder.</summary>
    public static string Safe(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        var safe = builder.ToString();
        return safe is "." or ".." ? safe.Replace('.', '_') : safe;
    }
}
