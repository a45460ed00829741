using System.Text.RegularExpressions;
using Assay.Core.Judges.Hardening;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// A pairwise verdict parsed from the judge's own words (fenced echoes of the answers are removed first), or why none
/// could be: the case is then unscored with the raw text kept, never counted as a loss or a tie.
/// </summary>
public sealed partial record PairwiseVerdict(PairwiseLabel? Label, string? Problem)
{
    /// <summary>
    /// FastChat's <c>run_judge_pair</c>: "[[A]]" anywhere wins over "[[B]]", which wins over "[[C]]" (a tie); none of
    /// them is an error.
    /// </summary>
    public static PairwiseVerdict ParseMtBench(string judgment)
    {
        var own = CandidateFence.StripEchoes(judgment);
        return own.Contains("[[A]]", StringComparison.Ordinal) ? new(PairwiseLabel.ABetter, null)
            : own.Contains("[[B]]", StringComparison.Ordinal) ? new(PairwiseLabel.BBetter, null)
            : own.Contains("[[C]]", StringComparison.Ordinal) ? new(PairwiseLabel.Tie, null)
            : new(null, "no [[A]], [[B]] or [[C]] in the judge's output");
    }

    /// <summary>
    /// Arena-Hard-Auto's <c>get_score</c>: every <c>[[...]]</c> of A, B, &lt;, &gt;, =; none, or two different ones, is no verdict;
    /// a label outside the five of the prompt counts for nothing (weight 0 in <c>show_result.py</c>), so it is none too.
    /// </summary>
    public static PairwiseVerdict ParseArenaHard(string judgment)
    {
        var labels = ArenaHardLabel().Matches(CandidateFence.StripEchoes(judgment)).Select(m => m.Groups[1].Value).Where(l => l.Length > 0).Distinct().ToList();
        if (labels.Count == 0)
        {
            return new(null, "no [[verdict]] label in the judge's output");
        }

        if (labels.Count > 1)
        {
            return new(null, $"the judge gave different labels: {string.Join(", ", labels.Select(l => $"[[{l}]]"))}");
        }

        return labels[0] switch
        {
            "A>>B" => new(PairwiseLabel.AMuchBetter, null),
            "A>B" => new(PairwiseLabel.ABetter, null),
            "A=B" => new(PairwiseLabel.Tie, null),
            "B>A" => new(PairwiseLabel.BBetter, null),
            "B>>A" => new(PairwiseLabel.BMuchBetter, null),
            var other => new(null, $"[[{other}]] is not one of the five labels the prompt allows"),
        };
    }

    /// <summary>
    /// Arena-Hard-Auto v2.0's <c>get_score</c>: the judgment upper-cased, then for each of the config's
    /// <c>regex_patterns</c> in turn (<c>[[label]]</c>, then <c>[label]</c>) the LAST match of the first pattern that
    /// matches at all, so a judge that changes its mind counts its final label. The label must be one
    /// <c>show_result.py</c>'s <c>label_to_score</c> knows (A&gt;B, A&gt;&gt;B, A=B, A&lt;B, A&lt;&lt;B and the same with B first);
    /// anything else would stop Arena-Hard's script with a KeyError and is no verdict here.
    /// </summary>
    public static PairwiseVerdict ParseArenaHardV2(string judgment)
    {
        var own = CandidateFence.StripEchoes(judgment).ToUpperInvariant();
        foreach (var pattern in (Regex[])[ArenaHardLabel(), ArenaHardSingleBracketLabel()])
        {
            var labels = pattern.Matches(own).Select(m => m.Groups[1].Value).Where(l => l.Length > 0).ToList();
            if (labels.Count == 0)
            {
                continue;
            }

            var last = labels[^1];
            return last switch
            {
                "A>>B" or "B<<A" => new(PairwiseLabel.AMuchBetter, null),
                "A>B" or "B<A" => new(PairwiseLabel.ABetter, null),
                "A=B" or "B=A" => new(PairwiseLabel.Tie, null),
                "B>A" or "A<B" => new(PairwiseLabel.BBetter, null),
                "B>>A" or "A<<B" => new(PairwiseLabel.BMuchBetter, null),
                var other => new(null, $"the last label, [[{other}]], is not one Arena-Hard v2.0 scores"),
            };
        }

        return new(null, "no [[verdict]] or [verdict] label in the judge's output");
    }

    [GeneratedRegex(@"\[\[([AB<>=]+)\]\]", RegexOptions.CultureInvariant)]
    private static partial Regex ArenaHardLabel();

    [GeneratedRegex(@"\[([AB<>=]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex ArenaHardSingleBracketLabel();
}
