using System.Text.RegularExpressions;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// Sentence BLEU as NLTK's <c>sentence_bleu(references, hypothesis, smoothing_function=SmoothingFunction().method1)</c>
/// with the default uniform weights over 1- to 4-grams:
/// <list type="bullet">
/// <item>modified n-gram precision, each hypothesis n-gram clipped by its largest count in any one reference;</item>
/// <item>smoothing: Chen &amp; Cherry (2014) method 1, "add-epsilon": a precision with no matching n-gram becomes
/// 0.1 / (number of hypothesis n-grams, at least 1) instead of 0, so one missing 4-gram does not zero the score;</item>
/// <item>no matching unigram at all gives 0, as NLTK does;</item>
/// <item>brevity penalty exp(1 - r/c) when the hypothesis (c tokens) is not longer than the closest reference length r
/// (ties go to the shorter reference).</item>
/// </list>
/// Tokens are words (<c>\w+</c>) and single punctuation marks, case kept, so "cat." and "cat" share the word.
/// </summary>
public static class SentenceBleu
{
    public const int MaxOrder = 4;

    public const double Epsilon = 0.1;

    private static readonly Regex Token = new(@"\w+|[^\w\s]", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. Token.Matches(text).Select(m => m.Value)];
    }

    public static double Score(string hypothesis, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);
        return Score(Tokenize(hypothesis), [.. references.Select(Tokenize)]);
    }

    public static double Score(IReadOnlyList<string> hypothesis, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            throw new ArgumentException("At least one reference is required.", nameof(references));
        }

        var logSum = 0.0;
        for (var n = 1; n <= MaxOrder; n++)
        {
            var (matches, total) = ModifiedPrecision(hypothesis, references, n);
            if (n == 1 && matches == 0)
            {
                return 0;
            }

            var denominator = Math.Max(1, total);
            var precision = matches == 0 ? Epsilon / denominator : (double)matches / denominator;
            logSum += Math.Log(precision) / MaxOrder;
        }

        return BrevityPenalty(hypothesis.Count, references) * Math.Exp(logSum);
    }

    internal static double BrevityPenalty(int hypothesisLength, IReadOnlyList<IReadOnlyList<string>> references)
    {
        var closest = references
            .Select(r => r.Count)
            .OrderBy(length => Math.Abs(length - hypothesisLength))
            .ThenBy(length => length)
            .First();
        if (hypothesisLength > closest)
        {
            return 1;
        }

        return hypothesisLength == 0 ? 0 : Math.Exp(1 - (double)closest / hypothesisLength);
    }

    /// <summary>Clipped matches and the hypothesis's n-gram count for order <paramref name="n"/>.</summary>
    internal static (int Matches, int Total) ModifiedPrecision(
        IReadOnlyList<string> hypothesis, IReadOnlyList<IReadOnlyList<string>> references, int n)
    {
        var counts = NGrams(hypothesis, n);
        var maxReferenceCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            foreach (var (gram, count) in NGrams(reference, n))
            {
                if (counts.ContainsKey(gram))
                {
                    maxReferenceCounts[gram] = Math.Max(maxReferenceCounts.GetValueOrDefault(gram), count);
                }
            }
        }

        var matches = counts.Sum(pair => Math.Min(pair.Value, maxReferenceCounts.GetValueOrDefault(pair.Key)));
        return (matches, counts.Values.Sum());
    }

    private static Dictionary<string, int> NGrams(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            // U+0001 cannot occur inside a token, so joined n-grams cannot collide.
            var gram = string.Join('\u0001', tokens.Skip(i).Take(n));
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        return counts;
    }
}
