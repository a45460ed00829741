using System.Text.RegularExpressions;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// Reads which option of a multiple-choice question a free-text answer picked, without an LLM. Rules, strongest
/// first; within a rule the LAST occurrence wins, because a chain of thought weighs options before it concludes:
/// <list type="number">
/// <item>an explicit statement: "The answer is (B)", "Answer: B.", "Final Answer: **B**", "I'd go with option b",
/// "B is the correct answer", "the correct option is B", <c>\boxed{B}</c>;</item>
/// <item>a bare letter: the whole answer ("B", "(b)", "**B**"), its last line, or a first line like "B) …";</item>
/// <item>an option's text: after an answer statement, else the only option whose text the answer contains.</item>
/// </list>
/// Two letters in one statement ("A or B"), a letter with no such option, or nothing at all leave the index null:
/// the case is then unscored, never counted wrong.
/// </summary>
public static class ChoiceExtractor
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    // A letter, optionally in brackets. A bare lower-case letter only counts when punctuation or the line end follows,
    // so that "the answer is a bit unclear" is not read as option A.
    private const string Letter =
        @"(?:[(\[{]\s*(?<l>[A-Za-z])\s*[)\]}]|(?!I\s+[a-z])(?<l>[A-Z])(?![\w'’])|(?<l>[a-z])(?=\s*(?:[.,;:!?)\]]|$)))";

    private static readonly Regex[] Statements =
    [
        new(@"(?i:\banswer(?:\s+choice)?(?:\s+to\s+(?:this|the)\s+question)?\s*(?:is|would\s+be|should\s+be|will\s+be|must\s+be|=|:)?(?:\s+(?:therefore|thus|clearly|likely|probably))?\s*[:\-–]?\s*(?:option|choice)?\s*:?\s*)" + Letter, Options | RegexOptions.Multiline),
        new(@"(?i:\b(?:i(?:'d|’d|\s+would|\s+will|'ll|’ll)?\s+(?:go\s+with|choose|pick|select|opt\s+for)|my\s+(?:choice|pick|answer)\s+(?:is|would\s+be)|going\s+with)\s*:?\s*(?:option|choice|answer)?\s*)" + Letter, Options | RegexOptions.Multiline),
        new(@"(?i:\b(?:correct|right|best)\s+(?:option|choice)\s*(?:is|would\s+be|:)\s*:?\s*)" + Letter, Options | RegexOptions.Multiline),
        new(@"(?i:\b(?:option|choice)\s*)" + Letter + @"(?i:\s*(?:is|would\s+be)\s+(?:the\s+)?(?:correct|right|best)\b)", Options | RegexOptions.Multiline),
        new(@"(?<![\w])(?:[(\[]\s*(?<l>[A-Z])\s*[)\]]|(?<l>[A-Z]))(?i:\s+is\s+(?:the\s+)?(?:correct|right|best)\b)", Options),
        new(@"\\boxed\s*\{\s*(?:\\text(?:bf)?\s*\{\s*)?(?<l>[A-Za-z])\s*\}", Options),
    ];

    private static readonly Regex SecondLetter = new(@"^\s*(?:or|and|/)\s*(?i:option\s*)?[(\[]?\s*[A-Za-z]\s*[)\]]?(?![\w])", Options);

    private static readonly Regex BareLetter = new(@"^\s*[(\[]?\s*(?<l>[A-Za-z])\s*[)\]]?\s*[.:)]?\s*$", Options);

    private static readonly Regex LeadingOption = new(@"^\s*[(\[]?(?<l>[A-Z])[)\].:]\s+\S", Options);

    private static readonly Regex TextStatement = new(@"(?i:\banswer\s*(?:is|:))\s*(?<rest>[^\n]+)", Options);

    public static ChoiceExtraction Extract(string response, IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count is 0 or > 26)
        {
            return ChoiceExtraction.None($"the question has {choices.Count} options; 1 to 26 can be lettered");
        }

        // Markdown emphasis carries no meaning here and would split "**Answer:** B" apart.
        var text = response.Replace("*", "", StringComparison.Ordinal).Trim();
        if (text.Length == 0)
        {
            return ChoiceExtraction.None("the answer is empty");
        }

        return FromStatement(text, choices)
            ?? FromBareLetter(text, choices)
            ?? ChoiceTextMatcher.Match(text, choices, TextStatement)
            ?? ChoiceExtraction.None("no answer found: no answer statement, option letter or option text");
    }

    private static ChoiceExtraction? FromStatement(string text, IReadOnlyList<string> choices)
    {
        var last = Statements
            .SelectMany(pattern => pattern.Matches(text))
            .MaxBy(match => match.Index);
        if (last is null)
        {
            return null;
        }

        var letter = last.Groups["l"].Value;
        if (SecondLetter.IsMatch(text.AsSpan(last.Index + last.Length).ToString()))
        {
            return ChoiceExtraction.None($"the final answer statement names more than one option: '{Excerpt(text, last)}'");
        }

        return InRange(letter, choices, $"answer statement '{last.Value.Trim()}'");
    }

    private static ChoiceExtraction? FromBareLetter(string text, IReadOnlyList<string> choices)
    {
        if (BareLetter.Match(text) is { Success: true } whole)
        {
            return InRange(whole.Groups["l"].Value, choices, "bare letter");
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length > 1 && BareLetter.Match(lines[^1]) is { Success: true } lastLine)
        {
            return InRange(lastLine.Groups["l"].Value, choices, "bare letter on the last line");
        }

        return LeadingOption.Match(text) is { Success: true } leading
            ? InRange(leading.Groups["l"].Value, choices, "answer starting with an option letter")
            : null;
    }

    private static ChoiceExtraction InRange(string letter, IReadOnlyList<string> choices, string rule)
    {
        var index = char.ToUpperInvariant(letter[0]) - 'A';
        return index < choices.Count
            ? ChoiceExtraction.Found(index, rule)
            : ChoiceExtraction.None(
                $"{rule} picks {char.ToUpperInvariant(letter[0])}, but the options run from A to {ChoiceExtraction.LetterOf(choices.Count - 1)}");
    }

    private static string Excerpt(string text, Match match)
    {
        var end = Math.Min(text.Length, match.Index + match.Length + 20);
        return text[match.Index..end].ReplaceLineEndings(" ");
    }
}
