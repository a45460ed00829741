using Assay.Core.Benchmarks;
using Assay.Core.Judges;

namespace Assay.Core.Taxonomies;

/// <summary>
/// What a case is broken down by in the report: the metadata fields named in <see cref="Keys"/> when the case has
/// them, and the trust tags of its category (<c>trust</c>: the survey category, <c>trust_sub</c>: the sub-category).
/// </summary>
public static class CaseGroups
{
    /// <summary>Case fields that split results in the benchmarks Assay runs (consensus difficulty, RMCBench scenario and level, SORRY-Bench prompt style...).</summary>
    public static IReadOnlyList<string> Keys { get; } = ["difficulty", "scenario", "level", "prompt_style", "language", "task", "risk", "subcategory", "style", "technique", "cell"];

    public const string Trust = "trust";

    public const string TrustSubcategory = "trust_sub";

    /// <summary>The value under which the report counts the cases of a trust breakdown that have no trust tag.</summary>
    public const string Untagged = "untagged";

    /// <summary>The breakdowns that come from trust tags; every case of a tagged target is in them, if only as untagged.</summary>
    public static IReadOnlyList<string> TrustKeys { get; } = [Trust, TrustSubcategory];

    public static IReadOnlyList<CaseGroup>? For(EvalCase evalCase)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        var groups = new List<CaseGroup>();
        foreach (var key in Keys)
        {
            var value = evalCase.Metadata.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
            if (!string.IsNullOrWhiteSpace(value))
            {
                groups.Add(new CaseGroup(key, value.Trim()));
            }
        }

        if (Taxonomies.Find(evalCase.Category) is { } found)
        {
            var tags = found.Category.Trust ?? [];
            groups.AddRange(tags.Select(t => t[..t.IndexOf('/', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Select(t => new CaseGroup(Trust, t)));
            groups.AddRange(tags.Distinct(StringComparer.Ordinal).Select(t => new CaseGroup(TrustSubcategory, t)));
        }

        return groups.Count == 0 ? null : groups;
    }
}
