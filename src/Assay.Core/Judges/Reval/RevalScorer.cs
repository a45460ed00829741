using System.Globalization;
using System.Text.RegularExpressions;

namespace Assay.Core.Judges.Reval;

/// <summary>
/// Scores one REval answer against its ground truth, without running code. The answer is read between [ANSWER] and
/// [/ANSWER] when present (else the whole reply). An answer that cannot be read as the kind asks (no YES/NO, no line
/// number) is wrong, as in REval's scorer, and the reason is kept as a diagnostic.
/// </summary>
public static partial class RevalScorer
{
    /// <param name="accepted">Ground truth: any of these is right (several values or successor lines can be).</param>
    public static (bool Correct, string? Problem) Score(string kind, string reply, IReadOnlyList<string> accepted)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(accepted);
        var answer = Extract(reply);
        switch (kind)
        {
            case RevalKind.CoveredLine:
                var head = answer.ToUpperInvariant();
                head = head[..Math.Min(3, head.Length)];
                var yes = head.Contains("YES", StringComparison.Ordinal);
                var no = head.Contains("NO", StringComparison.Ordinal);
                return yes == no
                    ? (false, $"not a YES/NO answer: '{Short(answer)}'")
                    : (accepted.Any(a => a.Equals(yes ? "yes" : "no", StringComparison.OrdinalIgnoreCase)), null);

            case RevalKind.NextLine:
                var match = LineNumber().Match(answer.Split('\n')[0]);
                return match.Success
                    ? (accepted.Contains(int.Parse(match.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)), null)
                    : (false, $"no line number in '{Short(answer)}'");

            case RevalKind.VariableValue:
            case RevalKind.Output:
                // REval's state answers are "value;type": the type is dropped, the value compared.
                var semicolon = PythonLiteral.TopLevelSemicolon(answer);
                var value = semicolon < 0 ? answer : answer[..semicolon];
                return value.Trim().Length == 0
                    ? (false, "empty answer")
                    : (accepted.Any(a => PythonLiteral.Matches(value, a)), null);

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, $"known kinds: {string.Join(", ", RevalKind.All)}");
        }
    }

    /// <summary>
    /// REval's incremental consistency of one item: its questions in order, each later answer counting only while the
    /// earlier ones were right. With n questions and the first k right and the rest all wrong the item scores
    /// 2^-(n-k) (k = n: 1; for REval's four: 1, 0.5, 0.25, 0.125); no right prefix, or a right answer after a wrong
    /// one, scores 0 (REval's Consistency task, run.py).
    /// </summary>
    public static double IncrementalConsistency(IReadOnlyList<bool> correct)
    {
        ArgumentNullException.ThrowIfNull(correct);
        var prefix = 0;
        while (prefix < correct.Count && correct[prefix])
        {
            prefix++;
        }

        if (prefix == 0 || correct.Skip(prefix).Any(c => c))
        {
            return 0;
        }

        return Math.Pow(2, -(correct.Count - prefix));
    }

    public static string Extract(string reply)
    {
        var text = reply.Replace('\u2018', '\'').Replace('\u2019', '\'').Replace('\u201c', '"').Replace('\u201d', '"').Trim();
        var open = text.IndexOf("[ANSWER]", StringComparison.Ordinal);
        if (open >= 0)
        {
            text = text[(open + 8)..];
        }

        var close = text.IndexOf("[/ANSWER", StringComparison.Ordinal);
        return (close >= 0 ? text[..close] : text).Trim();
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..60] + "...";

    [GeneratedRegex(@"-?\d+", RegexOptions.CultureInvariant)]
    private static partial Regex LineNumber();
}
