namespace Assay.Durable.Storage;

/// <summary>
/// Deterministic names of a debate run's blobs (results container) and reports (reports container). A round's
/// transcript is written once, under its round number, which is what lets a resumed debate skip finished rounds.
/// </summary>
public static class DebateBlobNames
{
    public static string Plan(string runId) => $"debates/{BlobNames.Safe(runId)}/plan.json";

    public static string Claim(string runId, string claimId) => $"debates/{BlobNames.Safe(runId)}/{BlobNames.Safe(claimId)}/claim.json";

    /// <summary>The folder of one debate's round transcripts.</summary>
    public static string Debate(string runId, string claimId, string mode) =>
        $"debates/{BlobNames.Safe(runId)}/{BlobNames.Safe(claimId)}/{BlobNames.Safe(mode)}";

    public static string Round(string runId, string claimId, string mode, int round) => $"{Debate(runId, claimId, mode)}/round-{round}.json";

    public static string ReportJson(string runId) => $"{BlobNames.Safe(runId)}/debate-report.json";

    public static string ReportMarkdown(string runId) => $"{BlobNames.Safe(runId)}/debate-report.md";

    public static string ReportHtml(string runId) => $"{BlobNames.Safe(runId)}/debate-report.html";

    /// <summary>Where the local runner uploads the claims file.</summary>
    public static string UploadedClaims(string runId, string fileName) => BlobNames.UploadedBenchmark(runId, "claims/" + Path.GetFileName(fileName));
}
