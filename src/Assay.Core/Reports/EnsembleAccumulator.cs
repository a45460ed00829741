using System.Globalization;
using Assay.Core.Judges;
using Assay.Core.Judges.Ensembles;
using Assay.Core.Statistics;

namespace Assay.Core.Reports;

/// <summary>
/// Collects each case's member votes, majority and label (one small record per case) and, at the end, replays the
/// labelled cases of each target in a fixed order (case id, numerically when ids are numbers) through Hedge. The
/// order never depends on which batch finished first, so re-runs and resumes give the same weights.
/// </summary>
public sealed class EnsembleAccumulator(string rule, IReadOnlyList<string> members, double? learningRate = null)
{
    public const string OrderDescription = "case id ascending (numeric ids by value, then others ordinally)";

    private readonly List<string> order = [];
    private readonly Dictionary<string, List<(string CaseId, int?[] Votes, int? Majority, int Gold)>> cases = new(StringComparer.Ordinal);

    public void Add(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var gold = EnsembleMetrics.AsVote(Value(result, EnsembleMetrics.Gold));
        if (gold is null || result.Status == CaseStatus.Error)
        {
            return; // no label, or no answer to judge: not part of the labelled stream
        }

        if (!cases.TryGetValue(result.Target, out var list))
        {
            cases[result.Target] = list = [];
            order.Add(result.Target);
        }

        var votes = members.Select(m => EnsembleMetrics.AsVote(Value(result, EnsembleMetrics.Vote(m)))).ToArray();
        list.Add((result.CaseId, votes, EnsembleMetrics.AsVote(Value(result, EnsembleMetrics.Majority)), gold.Value));
    }

    public EnsembleSection? Build()
    {
        if (order.Count == 0)
        {
            return null;
        }

        return new EnsembleSection(rule, members, order.Select(target => BuildTarget(target, cases[target])).ToList());
    }

    private EnsembleTarget BuildTarget(string target, List<(string CaseId, int?[] Votes, int? Majority, int Gold)> list)
    {
        var stream = list.OrderBy(c => c.CaseId, CaseIdOrder.Instance).ToList();
        var labels = stream.Select(c => c.Gold).ToList();
        var eta = learningRate ?? Hedge.DefaultLearningRate(members.Count, stream.Count);
        var hedge = Hedge.Run(stream.Select(c => (IReadOnlyList<int?>)c.Votes).ToList(), labels, eta);
        var memberRows = members.Select((m, i) => Agree(m, stream.Select(c => c.Votes[i]).ToList(), labels)).ToList();
        return new EnsembleTarget(
            target,
            stream.Count,
            eta,
            OrderDescription,
            memberRows,
            Agree(EnsembleMetrics.Majority, stream.Select(c => c.Majority).ToList(), labels),
            Agree("hedge", hedge.Predictions, labels),
            hedge.FinalWeights,
            hedge.Trajectory);
    }

    private static EnsembleAgreement Agree(string name, IReadOnlyList<int?> verdicts, List<int> labels)
    {
        var given = verdicts.Select((v, i) => (v, i)).Where(x => x.v is not null).ToList();
        if (given.Count == 0)
        {
            return new EnsembleAgreement(name, 0, 0, null, null);
        }

        var rater = given.Select(x => x.v!.Value).ToList();
        var gold = given.Select(x => labels[x.i]).ToList();
        var accuracy = Agreement.Observed(rater, gold);
        var mistakes = rater.Where((v, i) => v != gold[i]).Count();
        return new EnsembleAgreement(name, given.Count, mistakes, accuracy, Agreement.CohenKappa(rater, gold));
    }

    private static double? Value(CaseResult result, string metric) => result.Scores.FirstOrDefault(s => s.Name == metric)?.Value;

    private sealed class CaseIdOrder : IComparer<string>
    {
        public static readonly CaseIdOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var xNumber = long.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var a);
            var yNumber = long.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var b);
            return (xNumber, yNumber) switch
            {
                (true, true) => a != b ? a.CompareTo(b) : string.CompareOrdinal(x, y),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(x, y),
            };
        }
    }
}
