using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Assay.Core.Judges.Hardening;

/// <summary>
/// Puts an evaluated answer (untrusted input to the judge) inside the judge template so that it cannot forge the
/// template's structure: verdict tokens and template delimiters inside it are neutralised, and it is fenced by a
/// boundary derived from a hash of the answer itself, which the answer therefore cannot contain (that would take a
/// hash fixed point). The published template around the slot stays byte for byte; only the inserted text changes.
/// Deterministic, so response caches and resumed runs see the same prompt.
/// </summary>
public static partial class CandidateFence
{
    // Delimiters of the MT-Bench, Arena-Hard and AlpacaEval templates; an answer that contains them can pretend its
    // own text ended and the judge's instructions resumed (the null-model attack does exactly this).
    private static readonly string[] TemplateMarkers =
    [
        "[The Start of Assistant's Answer]", "[The End of Assistant's Answer]",
        "[The Start of Assistant A's Answer]", "[The End of Assistant A's Answer]",
        "[The Start of Assistant B's Answer]", "[The End of Assistant B's Answer]",
        "[The Start of Reference Answer]", "[The End of Reference Answer]",
        "<|The Start of Assistant A's Answer|>", "<|The End of Assistant A's Answer|>",
        "<|The Start of Assistant B's Answer|>", "<|The End of Assistant B's Answer|>",
        "<|The Start of Assistant A's Conversation with User|>", "<|The End of Assistant A's Conversation with User|>",
        "<|The Start of Assistant B's Conversation with User|>", "<|The End of Assistant B's Conversation with User|>",
        "<|User Prompt|>", "[User Question]", "[Question]", "[Instruction]", "### User:", "### Assistant A:", "### Assistant B:",
        "## Model Outputs", "## Instruction",
        "[Output 1]", "[Output 0]",
    ];

    // Every marker in one pattern, built once: one regex per marker overflowed Regex's static cache (15), so each
    // answer rebuilt 27 regexes, a fifth of a judged run's CPU (docs/performance.md). Longest first, so a marker
    // that begins another is not matched in its place. Softening a marker cannot make a new one (brackets become
    // parentheses), so one pass equals the pass per marker it replaces.
    private static readonly Regex Markers = new(
        string.Join('|', TemplateMarkers.OrderByDescending(m => m.Length).Select(Regex.Escape)),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>
    /// The fenced, neutralised text to put in the template's answer slot. The answer is normalised first
    /// (<see cref="AnswerText.Normalise"/>), so a fullwidth or zero-width-split verdict token is neutralised like a
    /// plain one instead of reaching a judge that reads through the disguise.
    /// </summary>
    public static string Wrap(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        candidate = AnswerText.Normalise(candidate);
        var boundary = Boundary(candidate);
        return $"<<<{boundary}>>>\n{Neutralise(candidate)}\n<<</{boundary}>>>";
    }

    /// <summary>
    /// Makes verdict tokens (<c>[[8]]</c>, <c>[[A>>B]]</c>, <c>[[C]]</c>, AlpacaEval's <c>"model_identifier"</c>) and template
    /// delimiters inert: double brackets get a space, delimiter brackets become parentheses.
    /// </summary>
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = Markers.Replace(text, m => Soften(m.Value));
        result = result.Replace("[[", "[ [", StringComparison.Ordinal).Replace("]]", "] ]", StringComparison.Ordinal);
        return FenceLike().Replace(result, m => m.Value.Replace("<<", "< <", StringComparison.Ordinal));
    }

    /// <summary>
    /// Removes every fenced span from a judge's output, so a verdict is read only from the judge's own words even when
    /// it quotes the answer. An unterminated fence removes everything after it.
    /// </summary>
    public static string StripEchoes(string judgeOutput)
    {
        ArgumentNullException.ThrowIfNull(judgeOutput);
        return EchoedSpan().Replace(judgeOutput, " ");
    }

    internal static string Boundary(string candidate)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("assay-fence\n" + candidate));
        return "ANSWER-" + Convert.ToHexString(hash, 0, 8);
    }

    private static string Soften(string marker) => marker
        .Replace("<|", "(", StringComparison.Ordinal).Replace("|>", ")", StringComparison.Ordinal)
        .Replace('[', '(').Replace(']', ')').Replace("##", "#", StringComparison.Ordinal);

    [GeneratedRegex(@"<<</?ANSWER-", RegexOptions.CultureInvariant)]
    private static partial Regex FenceLike();

    [GeneratedRegex(@"<<<ANSWER-[0-9A-F]{16}>>>.*?(<<</ANSWER-[0-9A-F]{16}>>>|\z)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex EchoedSpan();
}
