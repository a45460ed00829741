using System.Globalization;
using System.Text.RegularExpressions;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// Finds the final number of a free-text answer and compares numbers with a relative tolerance. The number taken is,
/// in order: the one after GSM8K's <c>####</c> marker, inside the last <c>\boxed{…}</c>, after the last
/// "answer is"/"answer:" statement, else the last number in the text. Thousands separators, a currency sign, a unit
/// or a percent sign around it are ignored (50% reads as 50); <c>3/4</c> reads as 0.75.
/// </summary>
public static class NumericAnswer
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    // A sign only counts when it is not a hyphen inside a range or word ("3-5", "COVID-19").
    private static readonly Regex Number = new(
        @"(?:(?<![\w)\]])(?<sign>[-−]))?[$€£]?\s?(?<num>(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d|,\d{3})|(?<![\d])\.\d+)" +
        @"(?:[eE](?<exp>[-+]?\d+))?(?:\s*/\s*(?<den>\d+)(?![\d/]))?",
        Options);

    private static readonly Regex HashMarker = new(@"####\s*(?<rest>[^\n]*)", Options);

    private static readonly Regex Boxed = new(@"\\boxed\s*\{(?<rest>[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}", Options);

    private static readonly Regex AnswerStatement = new(@"\banswer\b[^\n\d\-−$€£.]{0,40}?(?:is|:|=)(?<rest>[^\n]*)", Options | RegexOptions.IgnoreCase);

    /// <summary>The final number, or null when the text holds none.</summary>
    public static double? Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var marker in (Regex[])[HashMarker, Boxed, AnswerStatement])
        {
            if (marker.Matches(text).LastOrDefault() is { } match && FirstNumber(match.Groups["rest"].Value) is { } value)
            {
                return value;
            }
        }

        return Number.Matches(text).Select(Parse).LastOrDefault(v => v is not null);
    }

    /// <summary>
    /// Python's <c>math.isclose(a, b, rel_tol)</c> with no absolute tolerance: |a - b| ≤ rel_tol · max(|a|, |b|).
    /// </summary>
    public static bool Matches(double predicted, double reference, double relativeTolerance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(relativeTolerance);
        return predicted == reference
            || Math.Abs(predicted - reference) <= relativeTolerance * Math.Max(Math.Abs(predicted), Math.Abs(reference));
    }

    private static double? FirstNumber(string text) => Number.Matches(text).Select(Parse).FirstOrDefault(v => v is not null);

    private static double? Parse(Match match)
    {
        var digits = match.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal);
        if (match.Groups["exp"].Success)
        {
            digits += "e" + match.Groups["exp"].Value;
        }

        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return null;
        }

        if (match.Groups["den"].Success)
        {
            var denominator = double.Parse(match.Groups["den"].Value, CultureInfo.InvariantCulture);
            if (denominator == 0)
            {
                return null;
            }

            value /= denominator;
        }

        return match.Groups["sign"].Success ? -value : value;
    }
}
