using System.Globalization;
using System.Text.RegularExpressions;

namespace Assay.Core.Judges.Rubrics;

/// <summary>
/// A custom pointwise judge prompt read from a rubric file: a header between <c>---</c> lines, then the user-message
/// template with <c>{question}</c>, <c>{answer}</c> (fenced before insertion) and optionally <c>{reference}</c>
/// (Python <c>str.format</c> rules: <c>{{</c> and <c>}}</c> are literal braces). Header keys, one per line:
/// <c>verdict</c> (required: a regex with one capture group, matched against the judge's own words), either
/// <c>scale: MIN-MAX</c> (the group is a number in that range) or <c>labels: name=value, ...</c> (the group is one of the
/// names), and optionally <c>metric</c> (default <c>score</c>), <c>system</c> (a one-line system prompt) and
/// <c>max-tokens</c> (default 1024). Every problem is reported with the file, line and field.
/// </summary>
public sealed record RubricTemplate(
    string Origin,
    string Metric,
    string? SystemPrompt,
    string Template,
    Regex Verdict,
    (double Min, double Max)? Scale,
    IReadOnlyDictionary<string, double>? Labels,
    int MaxOutputTokens)
{
    public static IReadOnlySet<string> Placeholders { get; } = new HashSet<string>(["question", "answer", "reference"], StringComparer.Ordinal);

    public bool UsesReference => Template.Contains("{reference}", StringComparison.Ordinal);

    /// <exception cref="RubricFormatException">The first problem, naming <paramref name="origin"/>, the line and the field.</exception>
    public static RubricTemplate Parse(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(origin);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new RubricFormatException(origin, 1, null, "a rubric starts with a '---' line, then its header, then '---' and the template");
        }

        var header = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var end = -1;
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim() == "---")
            {
                end = i;
                break;
            }

            if (lines[i].Trim().Length == 0 || lines[i].TrimStart().StartsWith('#'))
            {
                continue;
            }

            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? lines[i].Trim() : lines[i][..colon].Trim();
            if (colon < 0 || !Known.Contains(key))
            {
                throw new RubricFormatException(origin, i + 1, key, $"expected 'key: value' with a key among {string.Join(", ", Known)}");
            }

            if (!header.TryAdd(key, (lines[i][(colon + 1)..].Trim(), i + 1)))
            {
                throw new RubricFormatException(origin, i + 1, key, "given twice");
            }
        }

        if (end < 0)
        {
            throw new RubricFormatException(origin, lines.Length, null, "the header is not closed by a '---' line");
        }

        var template = string.Join("\n", lines[(end + 1)..]).Trim('\n');
        CheckTemplate(template, origin, end + 2);
        if (!header.TryGetValue("verdict", out var verdict))
        {
            throw new RubricFormatException(origin, end + 1, "verdict", "missing: a regex with one capture group, e.g. \\[\\[(\\d+)\\]\\]");
        }

        var regex = ParseRegex(verdict, origin);
        var scale = header.TryGetValue("scale", out var s) ? ParseScale(s, origin) : ((double, double)?)null;
        var labels = header.TryGetValue("labels", out var l) ? ParseLabels(l, origin) : null;
        if ((scale is null) == (labels is null))
        {
            throw new RubricFormatException(origin, end + 1, "scale", "give exactly one of 'scale: MIN-MAX' and 'labels: name=value, ...'");
        }

        var metric = header.TryGetValue("metric", out var m) ? m.Value : "score";
        if (!Regex.IsMatch(metric, "^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant))
        {
            throw new RubricFormatException(origin, m.Line, "metric", $"'{metric}' must be lower-case letters, digits and underscores");
        }

        var maxTokens = 1024;
        if (header.TryGetValue("max-tokens", out var t) && (!int.TryParse(t.Value, NumberStyles.None, CultureInfo.InvariantCulture, out maxTokens) || maxTokens < 1))
        {
            throw new RubricFormatException(origin, t.Line, "max-tokens", $"'{t.Value}' is not a positive whole number");
        }

        var system = header.TryGetValue("system", out var sys) && sys.Value.Length > 0 ? sys.Value : null;
        return new RubricTemplate(origin, metric, system, template, regex, scale, labels, maxTokens);
    }

    private static readonly string[] Known = ["verdict", "scale", "labels", "metric", "system", "max-tokens"];

    // Every {name} must be a known placeholder, {answer} must be there, and braces must pair as str.format wants.
    private static void CheckTemplate(string template, string origin, int firstLine)
    {
        if (template.Trim().Length == 0)
        {
            throw new RubricFormatException(origin, firstLine, "template", "the template after the header is empty");
        }

        var lines = template.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal);
            foreach (Match match in Regex.Matches(line, @"\{([^{}]*)\}|[{}]", RegexOptions.CultureInvariant))
            {
                if (!match.Groups[1].Success || !Placeholders.Contains(match.Groups[1].Value))
                {
                    throw new RubricFormatException(origin, firstLine + i, "template",
                        $"'{match.Value}' is not a placeholder ({{question}}, {{answer}}, {{reference}}); write {{{{ and }}}} for literal braces");
                }
            }
        }

        if (!template.Contains("{answer}", StringComparison.Ordinal))
        {
            throw new RubricFormatException(origin, firstLine, "template", "the template never shows the {answer}");
        }
    }

    private static Regex ParseRegex((string Value, int Line) verdict, string origin)
    {
        Regex regex;
        try
        {
            regex = new Regex(verdict.Value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new RubricFormatException(origin, verdict.Line, "verdict", $"not a valid regex: {ex.Message}");
        }

        return regex.GetGroupNumbers().Length == 2
            ? regex
            : throw new RubricFormatException(origin, verdict.Line, "verdict", "the regex must have exactly one capture group: the verdict");
    }

    private static (double, double) ParseScale((string Value, int Line) scale, string origin)
    {
        var parts = scale.Value.Split('-', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var min)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var max) && min < max
            ? (min, max)
            : throw new RubricFormatException(origin, scale.Line, "scale", $"'{scale.Value}' is not MIN-MAX with MIN < MAX, e.g. 1-10");
    }

    private static Dictionary<string, double> ParseLabels((string Value, int Line) labels, string origin)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in labels.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(item[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !result.TryAdd(item[..eq].Trim(), value))
            {
                throw new RubricFormatException(origin, labels.Line, "labels", $"'{item}' is not a new name=number pair");
            }
        }

        return result.Count >= 2 ? result : throw new RubricFormatException(origin, labels.Line, "labels", "give at least two labels");
    }
}
