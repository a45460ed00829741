using System.Globalization;
using System.Text.RegularExpressions;

namespace Assay.Core.Judges;

/// <summary>
/// A single-answer MT-Bench verdict parsed as FastChat's <c>run_judge_single</c> does: the first
/// <c>[[rating]]</c>, else the first <c>[rating]</c>. No rating, or one outside 1-10, leaves <see cref="Rating"/>
/// null with the reason in <see cref="Problem"/>; FastChat records -1 there, which must never be averaged.
/// </summary>
public sealed record MtBenchVerdict(double? Rating, string? Problem)
{
    public const double MinRating = 1;

    public const double MaxRating = 10;

    // FastChat: one_score_pattern and one_score_pattern_backup. [0-9] rather than \d: Python's ast.literal_eval
    // rejects non-ASCII digits, so FastChat never produced a rating from them either.
    private static readonly Regex Pattern = new(@"\[\[([0-9]+\.?[0-9]*)\]\]", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex BackupPattern = new(@"\[([0-9]+\.?[0-9]*)\]", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static MtBenchVerdict Parse(string judgment)
    {
        ArgumentNullException.ThrowIfNull(judgment);
        var match = Pattern.Match(judgment);
        if (!match.Success)
        {
            match = BackupPattern.Match(judgment);
        }

        if (!match.Success)
        {
            return new MtBenchVerdict(null, "no [[rating]] in the judge's output");
        }

        var text = match.Groups[1].Value;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rating))
        {
            return new MtBenchVerdict(null, $"rating '{text}' is not a number");
        }

        return rating is < MinRating or > MaxRating
            ? new MtBenchVerdict(null, $"rating {text} is outside {MinRating}-{MaxRating}")
            : new MtBenchVerdict(rating, null);
    }
}
