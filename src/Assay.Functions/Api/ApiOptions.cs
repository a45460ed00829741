using System.ComponentModel.DataAnnotations;

namespace Assay.Functions.Api;

/// <summary>
/// The HTTP API (configuration section <c>Api</c>, app settings <c>Api__...</c>): who may call it, how often, and the
/// public address its URLs are built from. Validated at start-up.
/// </summary>
public sealed class ApiOptions : IValidatableObject
{
    public const string Section = "Api";

    /// <summary>
    /// Base of the URLs the API hands out (<c>https://assay.example.org</c>, or the API Management front). When unset,
    /// <c>https://{WEBSITE_HOSTNAME}</c> (set by App Service, not by the caller); never the request's Host header.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Every request must carry the caller that App Service authentication (Entra ID) injects. Turn off only for a
    /// host no one else can reach: every request is then the single local caller, with the admin role.
    /// </summary>
    public bool RequireCaller { get; set; } = true;

    /// <summary>The Entra ID app role that sees, and may cancel, every caller's runs.</summary>
    [Required]
    public string AdminRole { get; set; } = "Assay.Admin";

    /// <summary>Requests one caller may make per minute on one instance (start, read, list, cancel together).</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 120;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.Query)))
        {
            yield return new ValidationResult($"{Section}:{nameof(PublicBaseUrl)} must be an absolute http(s) URL without a query.", [nameof(PublicBaseUrl)]);
        }
    }
}
