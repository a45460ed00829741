using Assay.Core.Judges;
using Assay.Core.Judges.Ensembles;
using Assay.Core.Judges.Pairwise;
using Assay.Core.Judges.Rubrics;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Durable.Resolution;

/// <summary>Turns a <see cref="JudgeSpec"/> into a case judge and, for LLM judges, the endpoint it calls.</summary>
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
            return (new EnsembleJudge(spec.ToString(), members), null);
        }

        ICaseJudge judge = RubricJudge.IsRubric(spec.Name) ? rubrics.Create(spec.Name) : CaseJudges.Create(spec.Name);
        if (!judge.RequiresModel)
        {
            return (judge, null);
        }

        var endpoint = spec.Endpoint ?? throw new InvalidOperationException($"judge '{spec.Name}' needs an endpoint: use '{spec.Name}:<endpoint>'");
        return (judge, new ChatConfiguration(endpoints.Get(endpoint)));
    }

    /// <summary>A pairwise judge (it compares each target with the run's baseline) and its endpoint.</summary>
    public (IPairwiseCaseJudge Judge, ChatConfiguration Model) ResolvePairwise(JudgeSpec spec)
    {
        var endpoint = spec.Endpoint ?? throw new InvalidOperationException($"judge '{spec.Name}' needs an endpoint: use '{spec.Name}:<endpoint>'");
        return (PairwiseJudges.Create(spec.Name), new ChatConfiguration(endpoints.Get(endpoint)));
    }

    /// <summary>Checks, before any work, that a judge can be resolved; returns the problem or null.</summary>
    public string? Check(JudgeSpec spec)
    {
        if (spec.Ensemble is { } ensemble)
        {
            var problems = ensemble.Members
                .Select(m => PairwiseJudges.IsPairwise(m.Name)
                    ? $"ensemble member '{m}' is a pairwise judge; members must judge one answer"
                    : Check(m.Endpoint is null && spec.Endpoint is not null ? m with { Endpoint = spec.Endpoint } : m))
                .OfType<string>().ToList();
            return problems.Count == 0 ? null : string.Join("; ", problems);
        }

        if (RubricJudge.IsRubric(spec.Name) && !rubrics.Has(spec.Name))
        {
            return rubrics.Missing(spec.Name);
        }

        if (!PairwiseJudges.IsPairwise(spec.Name) && !RubricJudge.IsRubric(spec.Name))
        {
            ICaseJudge judge;
            try
            {
                judge = CaseJudges.Create(spec.Name);
            }
            catch (ArgumentException ex)
            {
                return $"{ex.Message.TrimEnd('.')}; pairwise judges: {string.Join(", ", PairwiseJudges.Names)}.";
            }

            if (!judge.RequiresModel)
            {
                return null;
            }
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
}
