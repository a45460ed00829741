using System.Text;

namespace Assay.Core.Reports;

/// <summary>
/// The parts every Assay HTML page shares (report.html of a run, of a debate run, of a red-team run): the
/// self-contained head with its style, the title and meta line, the "What to check" list, and the closing script.
/// One place, so the three pages look and read the same.
/// </summary>
public static class HtmlPage
{
    /// <param name="metaHtml">The line under the heading, already escaped.</param>
    public static void Open(StringBuilder html, string title, string heading, string metaHtml)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append($"<title>{Html.Escape(title)}</title><style>{HtmlReportRenderer.Style}</style></head><body>");
        html.Append($"<h1>{Html.Escape(heading)}</h1><p class=\"meta\">{metaHtml}</p>");
    }

    /// <summary>The "What to check" section: warnings and all-clear lines, in plain words.</summary>
    public static void Checks(StringBuilder html, IEnumerable<(bool Warning, string Text)> checks)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(checks);
        html.Append("<h2>What to check</h2><ul class=\"flags\">");
        foreach (var (warning, text) in checks)
        {
            html.Append($"<li class=\"{(warning ? "warn" : "ok")}\">{Html.Escape(text)}</li>");
        }

        html.Append("</ul>");
    }

    public static void Close(StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append($"<script>{HtmlReportRenderer.Script}</script></body></html>");
    }
}
