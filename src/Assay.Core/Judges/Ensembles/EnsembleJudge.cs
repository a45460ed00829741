using System.Globalization;
using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Ensembles;

/// <summary>
/// Several judges on the same answer (AEGIS-style ensemble). Each member's metrics are kept under its name, its
/// verdict (its first metric, which must be 0 or 1: refusal, reward from a 0/1 classifier, exact-match, ...) is
/// stored as a vote, and the per-case majority is the ensemble's verdict. Online weights (Hedge) are not computed
/// here: a batch judged in parallel does not know the cases before it, so they are replayed at aggregation in case
/// order (<see cref="Reports.EnsembleAccumulator"/>).
/// </summary>
public sealed class EnsembleJudge : ICaseJudge
{
    public const string JudgeName = "ensemble";

    private readonly IReadOnlyList<EnsembleMember> members;

    /// <param name="name">The spec text, e.g. <c>ensemble:majority(refusal,reward:guard)</c>.</param>
    public EnsembleJudge(string name, IReadOnlyList<EnsembleMember> members)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count < 2)
        {
            throw new ArgumentException("an ensemble needs at least two member judges", nameof(members));
        }

        Name = name;
        this.members = members;
    }

    public string Name { get; }

    /// <summary>False: each member carries its own endpoint.</summary>
    public bool RequiresModel => false;

    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer answer, ChatConfiguration? judgeModel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Error is not null)
        {
            return [];
        }

        var memberScores = new List<MetricScore>();
        var votes = new List<MetricScore>();
        foreach (var member in members)
        {
            // Sequential on purpose: the case's endpoint calls are recorded in member order.
            var scores = await member.Judge.JudgeAsync(evalCase, answer, member.Model, cancellationToken).ConfigureAwait(false);
            memberScores.AddRange(scores.Select(s => s with { Name = EnsembleMetrics.Member(member.Key, s.Name) }));
            votes.Add(Vote(member.Key, scores));
        }

        var result = new List<MetricScore>(memberScores.Count + votes.Count + 2);
        result.AddRange(memberScores);
        result.AddRange(votes);
        result.Add(Majority(votes));
        if (EnsembleLabel.Of(evalCase, answer) is { } gold)
        {
            result.Add(new MetricScore(EnsembleMetrics.Gold, gold));
        }

        return result;
    }

    private static MetricScore Vote(string member, IReadOnlyList<MetricScore> scores)
    {
        var name = EnsembleMetrics.Vote(member);
        if (scores.Count == 0)
        {
            return new MetricScore(name, null, $"member '{member}' returned no metric");
        }

        var first = scores[0];
        return first.Value switch
        {
            0 or 1 => new MetricScore(name, first.Value),
            null => new MetricScore(name, null, $"member '{member}' gave no verdict ({first.Name}: {FirstLine(first.Diagnostic)})", first.Raw),
            { } v => new MetricScore(name, null, $"member '{member}' gave {v.ToString(CultureInfo.InvariantCulture)} on '{first.Name}', not a 0/1 verdict", first.Raw),
        };
    }

    private static MetricScore Majority(IReadOnlyList<MetricScore> votes)
    {
        var ones = votes.Count(v => v.Value == 1);
        var zeros = votes.Count(v => v.Value == 0);
        return ones == zeros
            ? new MetricScore(EnsembleMetrics.Majority, null, ones == 0 ? "no member gave a verdict" : $"the members tied {ones}-{zeros}")
            : new MetricScore(EnsembleMetrics.Majority, ones > zeros ? 1 : 0);
    }

    private static string FirstLine(string? text)
    {
        if (text is null)
        {
            return "no diagnostic";
        }

        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
