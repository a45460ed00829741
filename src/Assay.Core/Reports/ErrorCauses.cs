using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Assay.Core.Judges;

namespace Assay.Core.Reports;

/// <summary>
/// Errored cases of one target that failed for the same cause: <see cref="Type"/> says who failed and how
/// (<c>target connection failed</c>, <c>judge (score) HTTP 500</c>), <see cref="Message"/> is the cause without what
/// varies per case (turn, attempts), <see cref="FirstCaseIds"/> the first few cases it hit, in the order they came.
/// </summary>
public sealed record ErrorCause(string Target, string Type, string Message, int Count, IReadOnlyList<string> FirstCaseIds);

/// <summary>Groups errored cases by cause while results stream past; keeps counts and a few ids, never the results.</summary>
public sealed partial class ErrorCauseAccumulator
{
    public const int CaseIdsKept = 5;

    /// <summary>Distinct causes kept per target; later ones are counted under one "other causes" entry.</summary>
    public const int CausesKept = 20;

    private readonly Dictionary<string, Dictionary<(string Type, string Message), Group>> byTarget = new(StringComparer.Ordinal);
    private readonly List<string> targetOrder = [];

    public void Add(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status != CaseStatus.Error)
        {
            return;
        }

        if (!byTarget.TryGetValue(result.Target, out var causes))
        {
            byTarget.Add(result.Target, causes = []);
            targetOrder.Add(result.Target);
        }

        var key = Classify(result.Error ?? "no cause recorded");
        if (!causes.ContainsKey(key) && causes.Count >= CausesKept)
        {
            key = ("other", "further causes (only the first " + CausesKept.ToString(CultureInfo.InvariantCulture) + " are told apart)");
        }

        if (!causes.TryGetValue(key, out var group))
        {
            causes.Add(key, group = new Group());
        }

        group.Count++;
        if (group.CaseIds.Count < CaseIdsKept)
        {
            group.CaseIds.Add(result.CaseId);
        }
    }

    /// <summary>Most frequent cause first within each target; null when no case errored.</summary>
    public IReadOnlyList<ErrorCause>? Build() => targetOrder.Count == 0
        ? null
        : targetOrder
            .SelectMany(t => byTarget[t]
                .OrderByDescending(c => c.Value.Count)
                .ThenBy(c => c.Key.Type, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Message, StringComparer.Ordinal)
                .Select(c => new ErrorCause(t, c.Key.Type, c.Key.Message, c.Value.Count, [.. c.Value.CaseIds])))
            .ToList();

    /// <summary>Splits a case's error into who failed and how, and the message without what varies per case.</summary>
    public static (string Type, string Message) Classify(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = Spaces().Replace(Attempts().Replace(error.ReplaceLineEndings(" "), string.Empty), " ").Trim();
        var source = Source().Match(text);
        var who = source.Success ? source.Groups["who"].Value : string.Empty;
        var rest = source.Success ? text[source.Length..] : text;
        rest = Turn().Replace(rest, string.Empty);
        var exception = ExceptionType().Match(rest);
        var exceptionName = exception.Success ? exception.Groups["type"].Value : null;
        if (exception.Success)
        {
            rest = rest[exception.Length..];
        }

        var kind = Kind().Match(rest) is { Success: true } k ? k.Groups["kind"].Value : exceptionName ?? "error";
        var type = who.Length == 0 ? kind : $"{who} {kind}";
        return (type, rest.Length == 0 ? kind : rest);
    }

    [GeneratedRegex(@"\s*\(\d+ attempts?\)")]
    private static partial Regex Attempts();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?<who>target|judge(?: \([^)]*\))?): ")]
    private static partial Regex Source();

    [GeneratedRegex(@"^turn \d+: ")]
    private static partial Regex Turn();

    [GeneratedRegex(@"^(?<type>[A-Za-z_.]*Exception): ")]
    private static partial Regex ExceptionType();

    [GeneratedRegex(@"^(?<kind>HTTP \d{3}(?: \(rate limited\))?|connection failed|timed out|unusable response body|blocked by the endpoint's content filter)(?!\w)")]
    private static partial Regex Kind();

    private sealed class Group
    {
        public int Count { get; set; }

        public List<string> CaseIds { get; } = [];
    }
}

/// <summary>The "Errored cases by cause" section of report.md and report.html.</summary>
public static class ErrorCauseSections
{
    public static void AppendMarkdown(StringBuilder md, EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(report);
        if (report.ErrorCauses is not { Count: > 0 } causes)
        {
            return;
        }

        md.Append("\n## Errored cases by cause\n\n| target | cause | message | cases | first cases |\n|---|---|---|---:|---|\n");
        foreach (var c in causes)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {MarkdownReportRenderer.Escape(c.Target)} | {MarkdownReportRenderer.Escape(c.Type)} | {MarkdownReportRenderer.Escape(c.Message)} | {c.Count} | {MarkdownReportRenderer.Escape(string.Join(", ", c.FirstCaseIds))} |\n");
        }
    }

    public static void AppendHtml(StringBuilder html, EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(report);
        if (report.ErrorCauses is not { Count: > 0 } causes)
        {
            return;
        }

        html.Append("<h2>Errored cases by cause</h2><table class=\"causes\"><thead><tr><th>target</th><th>cause</th><th>message</th><th>cases</th><th>first cases</th></tr></thead><tbody>");
        foreach (var c in causes)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Html.Escape(c.Target)}</td><td>{Html.Escape(c.Type)}</td><td>{Html.Escape(c.Message)}</td><td>{c.Count}</td><td>{Html.Escape(string.Join(", ", c.FirstCaseIds))}</td></tr>");
        }

        html.Append("</tbody></table>");
    }
}
