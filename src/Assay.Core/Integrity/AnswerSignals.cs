using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Assay.Core.Judges.Hardening;

namespace Assay.Core.Integrity;

/// <summary>
/// Per-answer facts the integrity checks aggregate: a fingerprint that is equal for constant or near-identical answers,
/// and whether the answer addresses the judge (template delimiters, verdict tokens, instructions to the evaluator).
/// </summary>
public static partial class AnswerSignals
{
    /// <summary>
    /// Hex fingerprint of the answer with case, digits, punctuation and white space folded, so "Answer 1." and
    /// "answer 2" collide: a null model that varies only numbers or spacing still shows up as constant.
    /// </summary>
    public static string Fingerprint(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var folded = new StringBuilder(Math.Min(answer.Length, 4096));
        var space = false;
        foreach (var c in answer.Length > 4096 ? answer[..4096] : answer)
        {
            if (char.IsLetter(c))
            {
                folded.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space && folded.Length > 0)
            {
                folded.Append(' ');
                space = true;
            }
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(folded.ToString().Trim()));
        return Convert.ToHexString(hash, 0, 8);
    }

    /// <summary>
    /// The first way the answer addresses a judge, or null when it does not. The answer is read as the fence reads it
    /// (<see cref="AnswerText.Normalise"/>: fullwidth, zero-width and combining disguises undone), with escaped
    /// brackets unescaped; verdict tokens may be spaced (<c>[ [ 10 ] ]</c>), and a single-bracket verdict
    /// (<c>[10]</c>, <c>[A>B]</c>, which judges' fallback parsers accept) counts after a rating word or alone on a line.
    /// </summary>
    public static string? AddressesJudge(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = EscapedBracket().Replace(AnswerText.Normalise(answer), m => Opens(m.Value) ? "[" : "]");
        var match = JudgeDirected().Match(text);
        return match.Success ? match.Value.Trim() : null;
    }

    private static bool Opens(string escaped) =>
        escaped.EndsWith('[') || escaped.Contains("91", StringComparison.Ordinal) || escaped.Contains("5b", StringComparison.OrdinalIgnoreCase)
        || escaped.Contains("lbrack", StringComparison.OrdinalIgnoreCase) || escaped.Contains("lsqb", StringComparison.OrdinalIgnoreCase);

    // \[ (Markdown, LaTeX), &#91; &#x5B; &lbrack; &lsqb; (HTML) and their closing forms.
    [GeneratedRegex(@"\\[\[\]]|&#(?:91|93|x5[bd]);|&(?:lbrack|rbrack|lsqb|rsqb);", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EscapedBracket();

    [GeneratedRegex(
        @"\[\s*\[\s*(?:[0-9]+(?:\.[0-9]+)?|[ABC]|[AB<>=]{3,4})\s*\]\s*\]" +
        @"|\b(?:rating|score|verdict|grade|rated|scored?)\b\W{0,3}\s*(?:is\s+|of\s+)?\[\s*(?:[0-9]+(?:\.[0-9]+)?|[ABC]|[AB][<>=]{1,2}[AB])\s*\]" +
        @"|(?m:^[ \t]*\[\s*(?:[0-9]+(?:\.[0-9]+)?|[AB][<>=]{1,2}[AB])\s*\][ \t]*$)" +
        @"|\[\s*[AB]\s*[<>=]{1,2}\s*[AB]\s*\]" +
        @"|<\|(?:The (?:Start|End) of Assistant|User Prompt)" +
        @"|\[The (?:Start|End) of (?:Assistant|Reference)" +
        @"|##\s*(?:Model Outputs|Instruction)\b" +
        @"|\bignore (?:all |the )?(?:previous|above|prior) (?:instructions|text|outputs?)\b" +
        @"|\b(?:dear|attention,?|note to(?: the)?) (?:judge|evaluator|grader|annotator)\b" +
        @"|\b(?:as|you are) (?:the|an?) (?:impartial )?(?:judge|evaluator)\b" +
        @"|\b(?:rate|score|grade) (?:this|the following) (?:response|answer|output) (?:as|with|a) ",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JudgeDirected();
}
