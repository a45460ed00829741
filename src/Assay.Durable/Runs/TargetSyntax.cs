using System.Text.RegularExpressions;
using Assay.Core.Targets;
using Assay.Durable.Contracts;

namespace Assay.Durable.Runs;

/// <summary>
/// The run-spec target syntax, shared with <c>assay run --target</c>: <c>null</c>, <c>refuse</c>,
/// <c>recorded:BLOB</c>, or an endpoint name, each optionally prefixed with <c>NAME=</c>. Endpoint names are strict
/// identifiers, so a URL or host where a name belongs is refused by its shape before any lookup.
/// </summary>
public static partial class TargetSyntax
{
    public const string RecordedPrefix = "recorded:";

    public static bool IsEndpointName(string text) => EndpointName().IsMatch(text);

    /// <summary>Splits an optional <c>NAME=</c> prefix from the target itself.</summary>
    public static (string? Name, string Target) SplitName(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && !text[..equals].Contains(':', StringComparison.Ordinal)
            ? (text[..equals].Trim(), text[(equals + 1)..].Trim())
            : (null, text.Trim());
    }

    /// <summary>The built-in baseline named by <paramref name="target"/>, or null.</summary>
    public static TargetSpec? Builtin(string? name, string target) =>
        target.Equals(NullModelTarget.DefaultName, StringComparison.OrdinalIgnoreCase)
            ? new TargetSpec(name ?? NullModelTarget.DefaultName, TargetKind.Null)
            : target.Equals(RefuseAllTarget.DefaultName, StringComparison.OrdinalIgnoreCase)
                ? new TargetSpec(name ?? RefuseAllTarget.DefaultName, TargetKind.Refuse)
                : null;

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
