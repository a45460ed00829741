using System.Globalization;

namespace Assay.Durable.Contracts;

/// <summary>
/// The members and combination rule of a judge ensemble, written <c>ensemble:RULE(MEMBER,MEMBER,...)</c>: RULE is
/// <c>majority</c> (per-case majority vote) or <c>hedge</c> (weights learned online against the labels; an optional
/// first item <c>eta=0.2</c> fixes the learning rate); each MEMBER is a judge as on its own (<c>refusal</c>,
/// <c>reward:guard</c>), with its own configured endpoint.
/// </summary>
public sealed record EnsembleSpec(string Rule, IReadOnlyList<JudgeSpec> Members, double? LearningRate = null)
{
    public const string Prefix = "ensemble:";

    public static IReadOnlyList<string> Rules { get; } = ["majority", "hedge"];

    /// <summary>Member keys as they appear in metric names and the report (each member's spec text).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Keys => Members.Select(m => m.ToString()).ToList();

    /// <summary>Parses the text after <c>ensemble:</c>.</summary>
    /// <exception cref="FormatException">The message says what is wrong and shows the expected form.</exception>
    public static EnsembleSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Form = "write ensemble:majority(JUDGE,JUDGE,...) or ensemble:hedge([eta=RATE,]JUDGE,JUDGE,...)";
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !text.TrimEnd().EndsWith(')'))
        {
            throw new FormatException($"ensemble '{text}': {Form}");
        }

        var rule = text[..open].Trim();
        if (!Rules.Contains(rule, StringComparer.Ordinal))
        {
            throw new FormatException($"ensemble rule '{rule}' is unknown (known: {string.Join(", ", Rules)}); {Form}");
        }

        var inner = text.TrimEnd()[(open + 1)..^1];
        var items = inner.Split(',', StringSplitOptions.TrimEntries);
        double? eta = null;
        if (items.Length > 0 && items[0].StartsWith("eta=", StringComparison.Ordinal))
        {
            if (rule != "hedge" || !double.TryParse(items[0][4..], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !(rate > 0) || !double.IsFinite(rate))
            {
                throw new FormatException($"ensemble '{text}': eta must be a positive number and only the hedge rule has one");
            }

            eta = rate;
            items = items[1..];
        }

        if (items.Any(i => i.Length == 0 || i.Contains('(', StringComparison.Ordinal) || i.Contains(')', StringComparison.Ordinal) || i.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            throw new FormatException($"ensemble '{text}': members must be plain judges (no empty item, no nested ensemble); {Form}");
        }

        var members = items.Select(JudgeSpec.Parse).ToList();
        if (members.Count < 2)
        {
            throw new FormatException($"ensemble '{text}' needs at least two member judges");
        }

        if (members.GroupBy(m => m.ToString(), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new FormatException($"ensemble '{text}' names member '{twice.Key}' twice");
        }

        return new EnsembleSpec(rule, members, eta);
    }

    public override string ToString()
    {
        var eta = LearningRate is { } r ? $"eta={r.ToString(CultureInfo.InvariantCulture)}," : string.Empty;
        return $"{Prefix}{Rule}({eta}{string.Join(",", Members)})";
    }
}
