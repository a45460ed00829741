using System.Text.RegularExpressions;

namespace Assay.Durable.Runs;

/// <summary>
/// The name rules of the run-spec target syntax (see <see cref="TargetKinds"/> for the kinds): an optional
/// <c>NAME=</c> prefix, and endpoint names that are strict identifiers, so a URL or host where a name belongs is refused
/// by its shape before any lookup.
/// </summary>
public static partial class TargetSyntax
{
    public static bool IsEndpointName(string text) => EndpointName().IsMatch(text);

    /// <summary>Splits an optional <c>NAME=</c> prefix from the target itself.</summary>
    public static (string? Name, string Target) SplitName(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && !text[..equals].Contains(':', StringComparison.Ordinal)
            ? (text[..equals].Trim(), text[(equals + 1)..].Trim())
            : (null, text.Trim());
    }

    /// <summary>Explains why <paramref name="text"/> is not an endpoint name; null when it is one.</summary>
    public static string? EndpointNameProblem(string text) =>
        IsEndpointName(text)
            ? null
            : LooksLikeAddress(text)
                ? "looks like a URL or host; endpoints are named in configuration (Endpoints__NAME__...) and a run never gives an address"
                : "is not an endpoint name (letters, digits, '.', '_', '-'; at most 64 characters)";

    private static bool LooksLikeAddress(string text) =>
        text.Contains("://", StringComparison.Ordinal) || text.IndexOfAny([':', '/', '\\', '@', '?', '#']) >= 0;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex EndpointName();
}
