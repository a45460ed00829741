namespace Assay.Durable.Runs;

/// <summary>
/// Reads a blob reference from a run spec. A plain name is a blob in the benchmarks container; a URL is accepted only
/// when it is that same container in the configured account, and is then reduced to the blob name. Nothing here
/// fetches anything: a URL elsewhere is rejected, never followed.
/// </summary>
public static class BlobReference
{
    public const int MaxNameLength = 1024;

    /// <returns>The blob name, or null with <paramref name="problem"/> set.</returns>
    public static string? Parse(string? text, Uri accountUri, string container, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "required: a blob name in the benchmarks container";
            return null;
        }

        text = text.Trim();
        return text.Contains("://", StringComparison.Ordinal) || text.StartsWith("//", StringComparison.Ordinal)
            ? FromUrl(text, accountUri, container, out problem)
            : CheckName(text, out problem);
    }

    private static string? FromUrl(string text, Uri accountUri, string container, out string? problem)
    {
        problem = $"a URL is accepted only for a blob in the configured storage account's '{container}' container, " +
                  "without a query; give the blob name instead";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.Equals(uri.Scheme, accountUri.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Host, accountUri.Host, StringComparison.OrdinalIgnoreCase)
            || uri.Port != accountUri.Port
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        // Azurite and other path-style endpoints put the account name in the path; account hosts have none.
        var prefix = accountUri.AbsolutePath.TrimEnd('/') + "/" + container + "/";
        if (!uri.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        return CheckName(Uri.UnescapeDataString(uri.AbsolutePath[prefix.Length..]), out problem);
    }

    private static string? CheckName(string name, out string? problem)
    {
        problem = name switch
        {
            { Length: 0 } => "required: a blob name in the benchmarks container",
            { Length: > MaxNameLength } => $"a blob name has at most {MaxNameLength} characters",
            _ when name.StartsWith('/') => "a blob name does not start with '/'",
            _ when name.Any(c => char.IsControl(c) || c is '\\' or '?' or '#' or ':') =>
                "a blob name has no control characters, '\\', '?', '#' or ':' (a URL or host is never used to reach anything)",
            _ when name.Split('/').Any(s => s is "" or "." or "..") => "a blob name has no empty, '.' or '..' segments",
            _ => null,
        };
        return problem is null ? name : null;
    }
}
