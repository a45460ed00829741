using Assay.Durable.Endpoints;
using Microsoft.Extensions.Options;

namespace Assay.Functions.Security;

/// <summary>
/// Last line of defence for text leaving the app (API responses, rejection files): any configured endpoint key found
/// in it is replaced. Keys should never get there in the first place; exception messages from SDKs are the risk.
/// </summary>
public sealed class SecretRedactor(IOptions<EndpointsOptions> endpoints)
{
    public const string Mask = "[redacted]";

    // Very short values would mask ordinary words; real keys are long.
    private const int MinimumSecretLength = 8;

    private readonly Lazy<string[]> secrets = new(() => [.. endpoints.Value.Endpoints.Values
        .Select(e => e.ApiKey)
        .OfType<string>()
        .Where(k => k.Length >= MinimumSecretLength)
        .Distinct(StringComparer.Ordinal)
        .OrderByDescending(k => k.Length)]);

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in secrets.Value)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
