using Assay.Core.Reports;
using Assay.Durable.Contracts;

namespace Assay.Durable.Runs;

/// <summary>Which plain target each variant target of a run is compared with: the endpoint target without variant.</summary>
public static class TargetVariants
{
    /// <summary>
    /// One pair per variant whose endpoint also runs plain (no strategy, no mutation) in the same run; a variant without
    /// such a target is reported on its own, uncompared. With several plain targets of one endpoint, the first is used.
    /// </summary>
    public static IReadOnlyList<VariantPair> Pairs(IReadOnlyList<TargetSpec> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var pairs = new List<VariantPair>();
        foreach (var variant in targets.Where(t => t.IsVariant))
        {
            var endpoint = variant.Endpoint ?? variant.Name;
            var plain = targets.FirstOrDefault(t => t.Kind == TargetKind.Endpoint && !t.IsVariant
                && string.Equals(t.Endpoint ?? t.Name, endpoint, StringComparison.OrdinalIgnoreCase));
            if (plain is not null)
            {
                pairs.Add(new VariantPair(variant.Name, plain.Name, variant.Strategy, variant.Mutation));
            }
        }

        return pairs;
    }
}
