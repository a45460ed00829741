using System.Text.Json;

namespace Assay.Core.Reports;

/// <summary><c>report.json</c>: an <see cref="EvaluationReport"/> in <see cref="AssayJson"/>'s indented shape.</summary>
public static class ReportJson
{
    public static string Serialize(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, AssayJson.Indented);
    }

    public static Task SerializeAsync(Stream stream, EvaluationReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.SerializeAsync(stream, report, AssayJson.Indented, cancellationToken);
    }

    /// <exception cref="JsonException">Not a report (malformed JSON, a missing required field, or <c>null</c>).</exception>
    public static EvaluationReport Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<EvaluationReport>(json, AssayJson.Options)
            ?? throw new JsonException("report.json holds null instead of a report.");
    }

    /// <exception cref="JsonException">Not a report (malformed JSON, a missing required field, or <c>null</c>).</exception>
    public static async Task<EvaluationReport> DeserializeAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return await JsonSerializer.DeserializeAsync<EvaluationReport>(stream, AssayJson.Options, cancellationToken)
                .ConfigureAwait(false)
            ?? throw new JsonException("report.json holds null instead of a report.");
    }
}
