namespace Assay.Core.Judges.Scoring;

/// <summary>
/// SQuAD token F1 (<c>compute_f1</c> of the v2.0 script): the bag-of-tokens overlap of the normalised prediction and
/// reference. When either side has no tokens the score is 1 if both are empty, else 0, as in that script.
/// </summary>
public static class TokenF1
{
    public static double Score(string prediction, string reference)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reference);
        var predicted = SquadText.Tokens(prediction);
        var gold = SquadText.Tokens(reference);
        if (predicted.Length == 0 || gold.Length == 0)
        {
            return predicted.Length == gold.Length ? 1 : 0;
        }

        // Counter(pred) & Counter(gold): each token counts as often as it occurs on both sides.
        var goldCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in gold)
        {
            goldCounts[token] = goldCounts.GetValueOrDefault(token) + 1;
        }

        var common = 0;
        foreach (var token in predicted)
        {
            if (goldCounts.TryGetValue(token, out var left) && left > 0)
            {
                goldCounts[token] = left - 1;
                common++;
            }
        }

        if (common == 0)
        {
            return 0;
        }

        var precision = (double)common / predicted.Length;
        var recall = (double)common / gold.Length;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>The best score over several references, SQuAD's convention for questions with many gold answers.</summary>
    public static double Best(string prediction, IEnumerable<string> references) =>
        references.Max(reference => Score(prediction, reference));
}
