using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

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

    /// <summary>The first way the answer addresses a judge, or null when it does not.</summary>
    public static string? AddressesJudge(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var match = JudgeDirected().Match(answer);
        return match.Success ? match.Value.Trim() : null;
    }

    [GeneratedRegex(
        @"\[\[(?:[0-9]+(?:\.[0-9]+)?|[ABC]|[AB<>=]{3,4})\]\]" +
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
