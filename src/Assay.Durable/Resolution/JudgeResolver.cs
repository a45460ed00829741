using Assay.Core.Judges;
using Assay.Core.Judges.Catalogue;
using Assay.Core.Judges.Ensembles;
using Assay.Core.Judges.Pairwise;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Durable.Resolution;

/// <summary>
/// Turns a <see cref="JudgeSpec"/> into a judge and, for judges that call a model, the endpoint it calls. What a judge
/// is, needs and builds comes from <see cref="JudgeCatalogue"/>; this class adds what only the host has: configured
/// endpoints and rubrics.
/// </summary>
public sealed class JudgeResolver(ChatClientFactory endpoints, RubricCatalog rubrics)
{
    public (ICaseJudge Judge, ChatConfiguration? Model) Resolve(JudgeSpec spec)
    {
        if (spec.Ensemble is { } ensemble)
        {
            // A member without an endpoint falls back to the run's judge endpoint, as a single judge does.
            var members = ensemble.Members.Select(m =>
            {
                var (judge, model) = Resolve(m.Endpoint is null && spec.Endpoint is not null ? m with { Endpoint = spec.Endpoint } : m);
                return new EnsembleMember(m.ToString(), judge, model);
            }).ToList();
            var build = new JudgeBuild(spec.ToString(), null, Faithful: false) { Members = members };
            return (JudgeCatalogue.Get(EnsembleJudge.JudgeName)!.CreateCase!(build), null);
        }

        var resolved = JudgeCatalogue.Resolve(spec.Name);
        var caseJudge = resolved.CreateCase(rubrics);
        return resolved.Descriptor.NeedsEndpoint ? (caseJudge, new ChatConfiguration(endpoints.Get(Endpoint(spec)))) : (caseJudge, null);
    }

    /// <summary>A pairwise judge (it compares each target with the run's baseline) and its endpoint.</summary>
    public (IPairwiseCaseJudge Judge, ChatConfiguration Model) ResolvePairwise(JudgeSpec spec) =>
        (JudgeCatalogue.Resolve(spec.Name).CreatePairwise(), new ChatConfiguration(endpoints.Get(Endpoint(spec))));

    /// <summary>Checks, before any work, that a judge can be resolved; returns the problem or null.</summary>
    public string? Check(JudgeSpec spec)
    {
        if (spec.Ensemble is { } ensemble)
        {
            var problems = ensemble.Members
                .Select(m => JudgeCatalogue.IsPairwise(m.Name)
                    ? $"ensemble member '{m}' is a pairwise judge; members must judge one answer"
                    : Check(m.Endpoint is null && spec.Endpoint is not null ? m with { Endpoint = spec.Endpoint } : m))
                .OfType<string>().ToList();
            return problems.Count == 0 ? null : string.Join("; ", problems);
        }

        if (JudgeCatalogue.TryResolve(spec.Name, out var unknown) is not { } resolved)
        {
            return unknown;
        }

        if (resolved.Descriptor.Family == JudgeFamily.Ensemble)
        {
            return $"judge '{spec.Name}': write an ensemble as {resolved.Descriptor.Syntax}";
        }

        if (resolved.Descriptor.Name == "rubric" && !rubrics.Has(spec.Name))
        {
            return rubrics.Missing(spec.Name);
        }

        if (!resolved.Descriptor.NeedsEndpoint)
        {
            return null;
        }

        if (spec.Endpoint is null)
        {
            return $"judge '{spec.Name}' calls a model: name its endpoint as '{spec.Name}:<endpoint>' or set a judge endpoint";
        }

        return endpoints.IsConfigured(spec.Endpoint)
            ? null
            : $"judge '{spec.Name}': no endpoint named '{spec.Endpoint}' in configuration " +
              $"(known: {endpoints.KnownNames})";
    }

    private static string Endpoint(JudgeSpec spec) =>
        spec.Endpoint ?? throw new InvalidOperationException($"judge '{spec.Name}' needs an endpoint: use '{spec.Name}:<endpoint>'");
}
