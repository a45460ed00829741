using System.Globalization;
using Assay.Core.Judges.Hardening;

namespace Assay.Core.Judges.Rubrics;

/// <summary>
/// Reads a rubric judge's verdict with the rubric's own regex, from the judge's own words only (fenced echoes of the
/// answer removed). No match, a value outside the scale or the labels, or two different verdicts leave it unscored.
/// </summary>
public static class RubricVerdict
{
    public static (double? Value, string? Problem) Parse(RubricTemplate rubric, string judgment)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(judgment);
        var found = rubric.Verdict.Matches(CandidateFence.StripEchoes(judgment)).Select(m => m.Groups[1].Value.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (found.Count == 0)
        {
            return (null, $"no verdict matching {rubric.Verdict} in the judge's output");
        }

        if (found.Count > 1)
        {
            return (null, $"the judge gave different verdicts: {string.Join(", ", found)}");
        }

        var text = found[0];
        if (rubric.Labels is { } labels)
        {
            return labels.TryGetValue(text, out var value)
                ? (value, null)
                : (null, $"'{text}' is not one of the rubric's labels ({string.Join(", ", labels.Keys)})");
        }

        var (min, max) = rubric.Scale!.Value;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score >= min && score <= max
            ? (score, null)
            : (null, $"'{text}' is not a number in {min.ToString(CultureInfo.InvariantCulture)}-{max.ToString(CultureInfo.InvariantCulture)}");
    }
}
