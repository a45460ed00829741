using System.Net;

namespace Assay.Core.Reports;

/// <summary>HTML escaping for report text: every name and every model or judge output is untrusted.</summary>
internal static class Html
{
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
