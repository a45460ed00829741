using System.Text.RegularExpressions;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// ROUGE-L as Google's rouge-score package computes it with <c>RougeScorer(["rougeL"])</c> and its defaults (no
/// stemmer): tokens are the lower-cased text with every run of non-<c>[a-z0-9]</c> characters taken as a separator;
/// precision = LCS / prediction tokens, recall = LCS / reference tokens, F = their harmonic mean. Note that the
/// default tokenizer drops non-ASCII letters entirely, so accented or non-Latin text scores through its digits only.
/// </summary>
public static class RougeL
{
    private static readonly Regex NonAlphanumeric = new("[^a-z0-9]+", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NonAlphanumeric.Replace(text.ToLowerInvariant(), " ")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public static RougeLScore Score(string prediction, string reference)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reference);
        var predicted = Tokenize(prediction);
        var target = Tokenize(reference);
        if (predicted.Length == 0 || target.Length == 0)
        {
            return RougeLScore.Zero;
        }

        var lcs = LongestCommonSubsequence(target, predicted);
        var precision = (double)lcs / predicted.Length;
        var recall = (double)lcs / target.Length;
        var f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return new RougeLScore(precision, recall, f);
    }

    /// <summary>rouge-score's <c>score_multi</c>: the reference with the highest F-measure.</summary>
    public static RougeLScore Best(string prediction, IEnumerable<string> references) =>
        references.Select(reference => Score(prediction, reference)).MaxBy(s => s.FMeasure) ?? RougeLScore.Zero;

    internal static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // Two rows instead of the full table: answers can run to thousands of tokens.
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}
