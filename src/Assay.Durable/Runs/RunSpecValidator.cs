using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Judges.Pairwise;
using Assay.Core.Solvers;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Runs;

/// <summary>
/// Checks a run spec against configuration before anything starts: blob names inside the benchmarks container,
/// known formats and judges, endpoint names that are configured. It reports every problem at once, and it never
/// contacts a host: endpoints are looked up by name in configuration only.
/// </summary>
public sealed class RunSpecValidator(
    IOptions<EndpointsOptions> endpoints, IOptions<StorageOptions> storage, BlobServiceClient service, TimeProvider time, IOptions<RunLimitsOptions>? limits = null)
{
    public IReadOnlyList<string> KnownEndpoints => [.. endpoints.Value.Endpoints.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    public RunSpecValidation Validate(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<RunSpecError>();
        var unknownEndpoint = false;

        var runId = spec.RunId ?? RunIds.New(time);
        if (!RunIds.IsValid(runId))
        {
            errors.Add(new("runId", $"letters, digits, '.', '_', '-', starting with a letter or digit, at most {RunIds.MaxLength} characters"));
        }

        var benchmark = BlobReference.Parse(spec.Benchmark, service.Uri, storage.Value.BenchmarksContainer, out var benchmarkProblem);
        if (benchmarkProblem is not null)
        {
            errors.Add(new("benchmark", benchmarkProblem));
        }

        var format = Format(spec.Format, benchmark, errors);
        var targets = Targets(spec.Targets, errors, ref unknownEndpoint);

        JudgeSpec? judge = null;
        if (spec.Judge is { } judgeText)
        {
            var malformed = false;
            try
            {
                judge = string.IsNullOrWhiteSpace(judgeText) ? null : JudgeSpec.Parse(judgeText);
            }
            catch (FormatException ex)
            {
                errors.Add(new("judge", ex.Message)); // a malformed ensemble
                malformed = true;
            }

            if (judge?.Ensemble is { } ensemble)
            {
                unknownEndpoint |= CheckEnsemble(ensemble, spec.JudgeEndpoint, errors);
            }
            else if (!malformed && (judge is null || !KnownJudge(judge.Name)))
            {
                errors.Add(new("judge", $"unknown judge; known judges: {string.Join(", ", CaseJudges.Names.Concat(PairwiseJudges.Names))} (write mt-bench:ENDPOINT)"));
                judge = null;
            }
            else if (judge?.Endpoint is { } judgeEndpoint)
            {
                unknownEndpoint |= CheckEndpoint("judge", judgeEndpoint, errors);
            }
        }

        if (spec.JudgeEndpoint is { } endpoint)
        {
            unknownEndpoint |= CheckEndpoint("judgeEndpoint", endpoint, errors);
        }

        // The effective judge must be resolvable too, or the run would fail in its plan step.
        var effective = judge ?? (format is null ? null : new JudgeSpec(format.DefaultManifest(string.Empty).DefaultJudge));
        var pairwise = effective is not null && PairwiseJudges.IsPairwise(effective.Name);
        if (effective is not null && effective.Ensemble is null && (pairwise || Assay.Core.Judges.Rubrics.RubricJudge.IsRubric(effective.Name) || CaseJudges.Create(effective.Name).RequiresModel) && (effective.Endpoint ?? spec.JudgeEndpoint) is null)
        {
            errors.Add(new("judge", $"judge '{effective.Name}' calls a model: write '{effective.Name}:ENDPOINT' or set judgeEndpoint"));
        }

        var baseline = spec.Options?.Baseline;
        var arena = spec.Options?.Arena ?? false;
        if (arena)
        {
            if (Activities.PlanRunActivity.ArenaProblem(pairwise, baseline, targets.Count) is { } problem)
            {
                errors.Add(new("options.arena", problem));
            }
        }
        else if (pairwise && (baseline is null || !targets.Any(t => t.Name == baseline)))
        {
            errors.Add(new("options.baseline", $"judge '{effective!.Name}' compares every target with a baseline: name one of the run's targets"));
        }
        else if (!pairwise && baseline is not null)
        {
            errors.Add(new("options.baseline", "only pairwise judges (arena-hard, mt-bench-pair) use a baseline"));
        }

        var batchSize = spec.Options?.BatchSize;
        if (batchSize is < 1 or > RunSpecOptions.MaxBatchSize)
        {
            errors.Add(new("options.batchSize", $"between 1 and {RunSpecOptions.MaxBatchSize}"));
        }

        var maxInFlight = spec.Options?.MaxInFlight ?? 8;
        if (maxInFlight is < 1 or > RunSpecOptions.MaxInFlightLimit)
        {
            errors.Add(new("options.maxInFlight", $"between 1 and {RunSpecOptions.MaxInFlightLimit}"));
        }

        errors.AddRange(LimitProblems(spec, targets, batchSize, maxInFlight));

        var request = errors.Count == 0
            ? new RunRequest(runId, benchmark!, format!.Name, targets, judge, spec.JudgeEndpoint, batchSize, maxInFlight, spec.Options?.Canary ?? true, baseline, arena, Orchestrators.RunEvaluationOrchestrator.DefaultShardBatches)
            : null;
        return new RunSpecValidation(request, errors, KnownEndpoints) { HasUnknownEndpoint = unknownEndpoint };
    }

    /// <summary>What one request may cost (<see cref="RunLimitsOptions"/>): targets, variants, batch size, window.</summary>
    private IEnumerable<RunSpecError> LimitProblems(RunSpec spec, IReadOnlyList<TargetSpec> targets, int? batchSize, int maxInFlight) =>
        (limits?.Value ?? new RunLimitsOptions()).Problems(targets, batchSize, maxInFlight, spec.Targets?.Count ?? 0);

    /// <returns>True when a member names a well-formed endpoint that is not configured.</returns>
    private bool CheckEnsemble(EnsembleSpec ensemble, string? judgeEndpoint, List<RunSpecError> errors)
    {
        var unknown = false;
        foreach (var member in ensemble.Members)
        {
            if (!CaseJudges.Names.Contains(member.Name, StringComparer.Ordinal))
            {
                errors.Add(new("judge", $"ensemble member '{member}': unknown judge; members can be {string.Join(", ", CaseJudges.Names)}"));
            }
            else if (member.Endpoint is { } memberEndpoint)
            {
                unknown |= CheckEndpoint("judge", memberEndpoint, errors);
            }
            else if (CaseJudges.Create(member.Name).RequiresModel && judgeEndpoint is null)
            {
                errors.Add(new("judge", $"ensemble member '{member.Name}' calls a model: write '{member.Name}:ENDPOINT' or set judgeEndpoint"));
            }
        }

        return unknown;
    }

    private static bool KnownJudge(string name) => CaseJudges.Names.Contains(name, StringComparer.Ordinal) || PairwiseJudges.IsPairwise(name) || Assay.Core.Judges.Rubrics.RubricJudge.IsRubric(name);

    private static IBenchmarkFormat? Format(string? name, string? benchmark, List<RunSpecError> errors)
    {
        try
        {
            return name is not null ? BenchmarkFormats.Get(name) : benchmark is not null ? BenchmarkFormats.Infer(benchmark) : null;
        }
        catch (ArgumentException)
        {
            errors.Add(new(name is null ? "benchmark" : "format",
                $"{(name is null ? "cannot tell the format from the blob name; set format" : "unknown format")} ({string.Join(", ", BenchmarkFormats.Names)})"));
            return null;
        }
    }

    private List<TargetSpec> Targets(IReadOnlyList<string>? texts, List<RunSpecError> errors, ref bool unknownEndpoint)
    {
        var targets = new List<TargetSpec>();
        if (texts is null || texts.Count == 0)
        {
            errors.Add(new("targets", "name at least one target: an endpoint name, null, refuse or recorded:BLOB"));
            return targets;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            var field = $"targets[{i}]";
            var (name, target) = TargetSyntax.SplitName(texts[i] ?? string.Empty);
            if (name is not null && !TargetSyntax.IsEndpointName(name))
            {
                errors.Add(new(field, "the NAME= part is letters, digits, '.', '_', '-' (at most 64 characters)"));
            }

            if (target.Length == 0)
            {
                errors.Add(new(field, "empty target"));
            }
            else if (TargetSyntax.Builtin(name, target) is { } builtin)
            {
                targets.Add(builtin);
            }
            else if (target.StartsWith(TargetSyntax.RecordedPrefix, StringComparison.OrdinalIgnoreCase))
            {
                Recorded(field, name, target[TargetSyntax.RecordedPrefix.Length..], targets, errors);
            }
            else
            {
                // ENDPOINT[~MUTATION][+STRATEGY]: a variant of an endpoint target (see TargetVariant).
                var variant = TargetVariant.Parse(target);
                unknownEndpoint |= CheckEndpoint(field, variant.Endpoint, errors);
                if (variant.Problem() is { } variantProblem)
                {
                    errors.Add(new(field, variantProblem));
                }

                targets.Add(new TargetSpec(name ?? variant.DefaultName, TargetKind.Endpoint, variant.Endpoint, Strategy: variant.Strategy, Mutation: variant.Mutation));
            }
        }

        foreach (var group in targets.GroupBy(t => BlobNames.Safe(t.Name), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add(new("targets", $"two targets share the name '{group.Key}'; rename one with NAME="));
        }

        return targets;
    }

    private void Recorded(string field, string? name, string blobText, List<TargetSpec> targets, List<RunSpecError> errors)
    {
        var blob = BlobReference.Parse(blobText, service.Uri, storage.Value.BenchmarksContainer, out var problem);
        if (blob is null)
        {
            errors.Add(new(field, "recorded answers: " + problem));
            return;
        }

        try
        {
            var format = RecordedAnswerFormats.Infer(blob);
            targets.Add(new TargetSpec(name ?? Path.GetFileNameWithoutExtension(blob), TargetKind.Recorded, RecordedBlob: blob, RecordedFormat: format.Name));
        }
        catch (ArgumentException)
        {
            errors.Add(new(field, $"cannot tell the recorded-answer format from the blob name ({string.Join(", ", RecordedAnswerFormats.Names)})"));
        }
    }

    /// <returns>True when the name is well formed but not configured.</returns>
    private bool CheckEndpoint(string field, string name, List<RunSpecError> errors)
    {
        if (TargetSyntax.EndpointNameProblem(name) is { } problem)
        {
            errors.Add(new(field, problem));
            return false;
        }

        if (endpoints.Value.Endpoints.ContainsKey(name))
        {
            return false;
        }

        var known = KnownEndpoints.Count == 0 ? "none are configured" : "known: " + string.Join(", ", KnownEndpoints);
        errors.Add(new(field, $"no endpoint named '{name}' in configuration ({known})"));
        return true;
    }
}
