using System.ComponentModel.DataAnnotations;

namespace Assay.Durable.Storage;

/// <summary>
/// Where benchmarks, results and reports live. A connection string (Azurite, keys) or a service URI reached with
/// managed identity; validated at start-up so a misconfigured host fails before the first run.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public string BenchmarksContainer { get; set; } = "benchmarks";

    public string ResultsContainer { get; set; } = "results";

    public string ReportsContainer { get; set; } = "reports";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && BlobServiceUri is null)
        {
            yield return new ValidationResult(
                "Set Storage:ConnectionString or Storage:BlobServiceUri (managed identity).",
                [nameof(ConnectionString), nameof(BlobServiceUri)]);
        }

        foreach (var (name, value) in new[]
                 {
                     (nameof(BenchmarksContainer), BenchmarksContainer),
                     (nameof(ResultsContainer), ResultsContainer),
                     (nameof(ReportsContainer), ReportsContainer),
                 })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length < 3 || value.Any(char.IsUpper))
            {
                yield return new ValidationResult($"Storage:{name} '{value}' is not a valid container name.", [name]);
            }
        }
    }
}
