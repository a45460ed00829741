using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Assay.Functions.Security;

/// <summary>
/// Who is calling, as App Service authentication (Easy Auth) says: it validates the Entra ID token and injects
/// <c>X-MS-CLIENT-PRINCIPAL-ID</c> (the object id) and <c>X-MS-CLIENT-PRINCIPAL</c> (base64 JSON claims, with app
/// roles), and it strips those headers from what callers send. The app trusts them only because it is reachable
/// through Easy Auth alone (infra/: authentication required on every route but the blob webhook); see the README.
/// </summary>
public sealed record Caller(string Id, bool IsAdmin)
{
    public const string IdHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The single caller of a host run without authentication (<c>Api:RequireCaller=false</c>).</summary>
    public static Caller Local { get; } = new("local", IsAdmin: true);

    private const int MaxIdLength = 128;

    /// <returns>The caller, or null when the request carries no usable identity.</returns>
    public static Caller? Read(HttpRequest request, string adminRole)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Headers[IdHeader].ToString().Trim();
        if (id.Length is 0 or > MaxIdLength)
        {
            return null;
        }

        return new Caller(id, Roles(request.Headers[PrincipalHeader].ToString()).Contains(adminRole, StringComparer.Ordinal));
    }

    public bool CanSee(string? owner) => IsAdmin || string.Equals(owner, Id, StringComparison.Ordinal);

    // {"auth_typ":"aad","role_typ":"roles","claims":[{"typ":"roles","val":"Assay.Admin"}, ...]}
    private static List<string> Roles(string principal)
    {
        var roles = new List<string>();
        if (principal.Length is 0 or > 64 * 1024)
        {
            return roles;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(principal)));
            var root = document.RootElement;
            var roleType = root.TryGetProperty("role_typ", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "roles";
            if (root.TryGetProperty("claims", out var claims) && claims.ValueKind == JsonValueKind.Array)
            {
                foreach (var claim in claims.EnumerateArray())
                {
                    if (claim.TryGetProperty("typ", out var typ) && claim.TryGetProperty("val", out var val)
                        && (typ.GetString() == roleType || typ.GetString() == "roles") && val.GetString() is { } role)
                    {
                        roles.Add(role);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            // A malformed principal grants no role; the id header still identifies the caller.
        }

        return roles;
    }
}
