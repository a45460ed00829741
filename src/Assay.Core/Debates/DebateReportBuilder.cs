using Assay.Core.Statistics;

namespace Assay.Core.Debates;

/// <summary>Aggregates debate outcomes into a <see cref="DebateReport"/>; the first mode is the baseline of the differences.</summary>
public static class DebateReportBuilder
{
    public static DebateReport Build(
        string runId, DateTimeOffset createdAt, string claimsFile, int maxRounds, DebateEndpoints endpoints, IReadOnlyList<string> modes, IReadOnlyList<DebateOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(modes);
        ArgumentNullException.ThrowIfNull(outcomes);
        var ordered = outcomes.OrderBy(o => Index(modes, o.Mode)).ThenBy(o => o.ClaimId, StringComparer.Ordinal).ToList();
        var summaries = modes.Select(m => Summarise(m, ordered.Where(o => o.Mode == m).ToList())).ToList();
        var differences = modes.Skip(1).Select(m => Difference(m, modes[0], ordered)).ToList();
        var claims = ordered.Select(o => o.ClaimId).Distinct(StringComparer.Ordinal).Count();
        return new DebateReport(runId, createdAt, claimsFile, claims, maxRounds, endpoints, summaries, differences, ordered);
    }

    private static DebateModeSummary Summarise(string mode, List<DebateOutcome> debates)
    {
        var scored = debates.Where(d => d.Result != DebateResult.Unscored).ToList();
        var convinced = scored.Where(d => d.Result == DebateResult.Convinced).ToList();
        double? rate = null, low = null, high = null;
        if (scored.Count > 0)
        {
            (var mean, var lo, var hi) = Bootstrap.MeanInterval(scored.Select(d => d.Result == DebateResult.Convinced ? 1.0 : 0.0).ToList());
            (rate, low, high) = (mean, lo, hi);
        }

        double? rounds = convinced.Count == 0 ? null : convinced.Average(d => (double)d.Rounds);
        return new DebateModeSummary(
            mode, debates.Count, scored.Count, debates.Count - scored.Count, convinced.Count, rate, low, high, rounds, scored.Count(d => d.Reason == "terminated"));
    }

    private static DebateDifference Difference(string mode, string baseline, List<DebateOutcome> outcomes)
    {
        static Dictionary<string, double> Scored(IEnumerable<DebateOutcome> debates) => debates
            .Where(d => d.Result != DebateResult.Unscored)
            .ToDictionary(d => d.ClaimId, d => d.Result == DebateResult.Convinced ? 1.0 : 0.0, StringComparer.Ordinal);

        var a = Scored(outcomes.Where(o => o.Mode == mode));
        var b = Scored(outcomes.Where(o => o.Mode == baseline));
        var differences = a.Keys.Where(b.ContainsKey).Order(StringComparer.Ordinal).Select(c => a[c] - b[c]).ToList();
        if (differences.Count == 0)
        {
            return new DebateDifference(mode, baseline, 0, null, null, null);
        }

        var (mean, low, high) = Bootstrap.MeanInterval(differences);
        return new DebateDifference(mode, baseline, differences.Count, mean, low, high);
    }

    private static int Index(IReadOnlyList<string> modes, string mode)
    {
        for (var i = 0; i < modes.Count; i++)
        {
            if (modes[i] == mode)
            {
                return i;
            }
        }

        return modes.Count;
    }
}
