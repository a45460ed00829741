using Assay.Core.Judges;
using Assay.Core.Taxonomies;

namespace Assay.Core.Reports;

/// <summary>
/// The cases of each target that have no trust tag, kept so the trust breakdowns account for every case: without it
/// a case whose category no taxonomy knows would vanish from <c>trust</c> and <c>trust_sub</c> while still counting in
/// the target's totals. Shown as <see cref="CaseGroups.Untagged"/> only when some case of the target is tagged, so a
/// benchmark without a taxonomy gets no trust breakdown at all.
/// </summary>
internal sealed class UntaggedAccumulator
{
    private readonly Dictionary<(string Target, string Key), GroupAccumulator> untagged = [];

    public void Add(CaseResult result)
    {
        foreach (var key in CaseGroups.TrustKeys)
        {
            if (result.Groups?.Any(g => g.Key == key) == true)
            {
                continue;
            }

            if (!untagged.TryGetValue((result.Target, key), out var group))
            {
                untagged.Add((result.Target, key), group = new GroupAccumulator());
            }

            group.Add(result);
        }
    }

    /// <summary>The untagged cases of a target's breakdown, or null when it has none or is not a trust breakdown.</summary>
    public GroupAccumulator? For(string target, string key) => untagged.GetValueOrDefault((target, key));
}
