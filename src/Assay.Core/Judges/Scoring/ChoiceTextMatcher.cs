using System.Text.RegularExpressions;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// Finds an option by its text rather than its letter, comparing SQuAD-normalised text so that case, punctuation
/// and articles do not matter. Also resolves a gold answer given as a letter or as the option's text.
/// </summary>
public static class ChoiceTextMatcher
{
    private static readonly Regex GoldLetter = new(
        @"^\s*[(\[]?\s*(?<l>[A-Za-z])\s*[)\]]?\s*(?:[.:)]\s*(?<text>.*))?$",
        RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.Singleline);

    /// <summary>The gold option named by a reference: a letter ("B", "(B)", "B: text") or the option text.</summary>
    public static ChoiceExtraction ResolveGold(string reference, IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(choices);
        var exact = IndexOfText(reference, choices);
        if (exact is { } byText)
        {
            return ChoiceExtraction.Found(byText, "gold option text");
        }

        var match = GoldLetter.Match(reference.Replace("*", "", StringComparison.Ordinal));
        if (match.Success)
        {
            var index = char.ToUpperInvariant(match.Groups["l"].Value[0]) - 'A';
            if (index < choices.Count)
            {
                return ChoiceExtraction.Found(index, "gold letter");
            }
        }

        var last = choices.Count is > 0 and <= 26 ? ChoiceExtraction.LetterOf(choices.Count - 1) : "?";
        return ChoiceExtraction.None($"the gold answer '{reference}' is neither a letter A-{last} nor the text of an option");
    }

    /// <summary>
    /// The option whose text the response gives: the rest of the last "answer is …" line when it names exactly one
    /// option, else the only option whose text occurs in the response (the last line decides between several).
    /// </summary>
    internal static ChoiceExtraction? Match(string text, IReadOnlyList<string> choices, Regex statement)
    {
        if (statement.Matches(text).LastOrDefault() is { } last
            && Contained(last.Groups["rest"].Value, choices) is [var stated])
        {
            return ChoiceExtraction.Found(stated, "option text in the answer statement");
        }

        var everywhere = Contained(text, choices);
        if (everywhere.Count == 1)
        {
            return ChoiceExtraction.Found(everywhere[0], "the only option text in the answer");
        }

        if (everywhere.Count > 1)
        {
            var lastLine = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
            return Contained(lastLine, choices) is [var onLastLine]
                ? ChoiceExtraction.Found(onLastLine, "the only option text on the last line")
                : ChoiceExtraction.None($"the answer gives the text of {everywhere.Count} options and no answer statement");
        }

        return null;
    }

    private static int? IndexOfText(string text, IReadOnlyList<string> choices)
    {
        var normalized = SquadText.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        var hits = Enumerable.Range(0, choices.Count).Where(i => SquadText.Normalize(choices[i]) == normalized).ToList();
        return hits.Count == 1 ? hits[0] : null;
    }

    /// <summary>Options whose normalised text occurs as whole tokens; an option inside a longer found one is dropped.</summary>
    private static List<int> Contained(string text, IReadOnlyList<string> choices)
    {
        var haystack = " " + SquadText.Normalize(text) + " ";
        var found = new List<(int Index, string Text)>();
        for (var i = 0; i < choices.Count; i++)
        {
            var option = SquadText.Normalize(choices[i]);
            if (option.Length > 0 && haystack.Contains(" " + option + " ", StringComparison.Ordinal))
            {
                found.Add((i, option));
            }
        }

        return [.. found
            .Where(f => !found.Any(o => o.Index != f.Index && o.Text.Length > f.Text.Length && o.Text.Contains(f.Text, StringComparison.Ordinal)))
            .Select(f => f.Index)];
    }
}
