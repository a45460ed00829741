namespace Assay.Durable.Storage;

/// <summary>Deterministic names of a red-team suite's blobs: a re-executed activity finds and reuses its own output.</summary>
public static class RedTeamBlobNames
{
    /// <summary>Generated cells of one chunk (results container).</summary>
    public static string Chunk(string runId, int chunk) => $"redteam/{BlobNames.Safe(runId)}/cells/chunk-{chunk:D5}.jsonl";

    /// <summary>Coverage of the suite (results container).</summary>
    public static string Coverage(string runId) => $"redteam/{BlobNames.Safe(runId)}/coverage.json";

    /// <summary>The suite as an assay-jsonl benchmark (benchmarks container), reusable with <c>assay run --benchmark blob:NAME</c>.</summary>
    public static string Suite(string runId) => $"redteam/{BlobNames.Safe(runId)}/suite.jsonl";

    public static string ReportJson(string runId) => $"{BlobNames.Safe(runId)}/redteam-report.json";

    public static string ReportMarkdown(string runId) => $"{BlobNames.Safe(runId)}/redteam-report.md";

    public static string ReportHtml(string runId) => $"{BlobNames.Safe(runId)}/redteam-report.html";
}
