using System.Text;
using System.Text.RegularExpressions;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// SQuAD's answer normalisation (<c>normalize_answer</c> in the official v1.1/v2.0 evaluation script): lower case,
/// drop ASCII punctuation, drop the articles a/an/the, collapse white space. Exact-match and token-F1 scores are
/// only comparable with published SQuAD-style figures when this is reproduced step for step, in this order.
/// </summary>
public static class SquadText
{
    // Python's string.punctuation: only ASCII; other symbols (e.g. curly quotes) stay, as in the official script.
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static readonly Regex Articles = new(@"\b(a|an|the)\b", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var noPunctuation = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (!Punctuation.Contains(c, StringComparison.Ordinal))
            {
                noPunctuation.Append(c);
            }
        }

        var noArticles = Articles.Replace(noPunctuation.ToString(), " ");
        return string.Join(' ', SplitWhiteSpace(noArticles));
    }

    /// <summary>The tokens SQuAD's F1 compares: <c>normalize_answer(s).split()</c>.</summary>
    public static string[] Tokens(string text) => SplitWhiteSpace(Normalize(text));

    // Python's str.split() with no argument: runs of any Unicode white space, no empty tokens.
    private static string[] SplitWhiteSpace(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
