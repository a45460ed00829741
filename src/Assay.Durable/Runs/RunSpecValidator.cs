using Assay.Core.Benchmarks;
using Assay.Core.Judges.Catalogue;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Orchestrators;
using Assay.Durable.Resolution;
using Assay.Durable.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Runs;

/// <summary>
/// The one check of a run, for every front door: the HTTP API, blob uploads, nightly entries, <c>assay run</c> (which
/// builds the same <see cref="RunSpec"/>, before it starts any storage) and, as a guard, <c>PlanRunActivity</c>
/// (<see cref="Check"/>). It reports every problem at once, each naming its field and what would be accepted, and it
/// never contacts a host: endpoints are looked up by name in configuration only.
/// <see cref="Validate"/> reads the spec's texts (<see cref="Parse"/>); <see cref="Check"/> checks what they mean.
/// A new check goes in one of the two, as its own method, with the field it names.
/// </summary>
public sealed class RunSpecValidator(
    IOptions<EndpointsOptions> endpoints,
    IOptions<StorageOptions> storage,
    BlobServiceClient service,
    TimeProvider time,
    TargetResolver targetResolver,
    JudgeResolver judgeResolver,
    IOptions<RunLimitsOptions>? limits = null)
{
    public IReadOnlyList<string> KnownEndpoints => [.. endpoints.Value.Endpoints.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    public RunSpecValidation Validate(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new RunProblems(KnownEndpoints);
        var (draft, positions) = Parse(spec, problems);
        Check(draft, problems, i => $"targets[{positions[i]}]");
        var request = problems.Errors.Count == 0 ? draft : null;
        return new RunSpecValidation(request, problems.Errors, KnownEndpoints) { HasUnknownEndpoint = problems.UnknownEndpoint };
    }

    /// <summary>Checks what a parsed run means (the guard <c>PlanRunActivity</c> runs before it writes anything).</summary>
    public RunSpecValidation Check(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new RunProblems(KnownEndpoints);
        Check(request, problems, i => $"targets[{i}]");
        return new RunSpecValidation(problems.Errors.Count == 0 ? request : null, problems.Errors, KnownEndpoints) { HasUnknownEndpoint = problems.UnknownEndpoint };
    }

    /// <summary>Why an arena run cannot be made: it needs a pairwise judge, no baseline and two targets to pair.</summary>
    public static string? ArenaProblem(bool pairwiseJudge, string? baseline, int targetCount) =>
        !pairwiseJudge ? $"an arena run judges pairs of targets: it needs a pairwise judge ({JudgeCatalogue.KnownPairwise})"
        : baseline is not null ? $"an arena run compares every pair of targets, so it takes no baseline ('{baseline}')"
        : targetCount < 2 ? "an arena run needs at least two targets to pair"
        : null;

    /// <summary>Reads the texts: run id, blob names, format, targets, judge and limits. Returns the request as far as it reads.</summary>
    private (RunRequest Draft, List<int> TargetPositions) Parse(RunSpec spec, RunProblems problems)
    {
        var runId = spec.RunId ?? RunIds.New(time);
        if (!RunIds.IsValid(runId))
        {
            problems.Add("runId", $"letters, digits, '.', '_', '-', starting with a letter or digit, at most {RunIds.MaxLength} characters");
        }

        var benchmark = BlobReference.Parse(spec.Benchmark, service.Uri, storage.Value.BenchmarksContainer, out var benchmarkProblem);
        if (benchmarkProblem is not null)
        {
            problems.Add("benchmark", benchmarkProblem);
        }

        var format = Format(spec.Format, benchmark, problems);
        var options = spec.Options ?? new RunSpecOptions();
        RunSpecLimits.Check(options, problems);
        var sampling = RunSpecLimits.Sampling(options);
        var (targets, positions) = Targets(spec.Targets, problems);
        targets = [.. targets.Select(t => t with { Sampling = t.Kind == TargetKind.Endpoint ? sampling : null, NoCache = options.NoCache ?? false })];
        var judge = Judge(spec.Judge, problems);
        var draft = new RunRequest(
            runId, benchmark ?? string.Empty, format?.Name, targets, judge, string.IsNullOrWhiteSpace(spec.JudgeEndpoint) ? null : spec.JudgeEndpoint.Trim(),
            options.BatchSize, options.MaxInFlight, options.Canary ?? true, options.Baseline, options.Arena ?? false,
            (options.ShardBatches ?? RunEvaluationOrchestrator.DefaultShardBatches) is var shards and > 0 ? shards : null,
            LcV1: LcV1(options, problems));
        return (draft, positions);
    }

    /// <summary>LC v1's data blobs; the gamed baselines' file only beside the difficulty file.</summary>
    private LcV1Files? LcV1(RunSpecOptions options, RunProblems problems)
    {
        if (options.LcDifficulty is null)
        {
            if (options.LcGamed is not null)
            {
                problems.Add("options.lcGamed", "the gamed baselines' annotations regularise LC v1: give AlpacaEval's instruction difficulty with lcDifficulty too");
            }

            return null;
        }

        var difficulty = BlobReference.Parse(options.LcDifficulty, service.Uri, storage.Value.BenchmarksContainer, out var problem);
        if (problem is not null)
        {
            problems.Add("options.lcDifficulty", problem);
        }

        string? gamed = null;
        if (options.LcGamed is not null)
        {
            gamed = BlobReference.Parse(options.LcGamed, service.Uri, storage.Value.BenchmarksContainer, out var gamedProblem);
            if (gamedProblem is not null)
            {
                problems.Add("options.lcGamed", gamedProblem);
            }
        }

        return difficulty is null ? null : new LcV1Files(difficulty, gamed);
    }

    private void Check(RunRequest request, RunProblems problems, Func<int, string> targetField)
    {
        RunSpecLimits.Check(request, problems);
        // What one request may cost (RunLimitsOptions): targets, variants, batch size, window.
        problems.Errors.AddRange((limits?.Value ?? new RunLimitsOptions()).Problems(request.Targets, request.BatchSize, request.MaxInFlight, request.Targets.Count));
        CheckTargets(request.Targets, problems, targetField);
        var judge = CheckJudge(request, problems);
        CheckPairing(request, judge, problems);
    }

    private void CheckTargets(IReadOnlyList<TargetSpec> targets, RunProblems problems, Func<int, string> field)
    {
        if (targets.Count == 0 && !problems.Errors.Exists(e => e.Field.StartsWith("targets", StringComparison.Ordinal)))
        {
            problems.Add("targets", $"name at least one target: {TargetKinds.Accepted}");
        }

        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var unknown = target.Kind == TargetKind.Endpoint && CheckEndpoint(field(i), target.Endpoint ?? target.Name, problems);
            if (!unknown && targetResolver.Check(target) is { } problem)
            {
                problems.Add(field(i), problem);
            }
        }

        foreach (var group in targets.GroupBy(t => BlobNames.Safe(t.Name), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add("targets", $"two targets share the name '{group.Key}'; rename one with NAME=");
        }
    }

    /// <returns>The effective judge (the benchmark's default when none is named), or null when it cannot be told.</returns>
    private JudgeSpec? CheckJudge(RunRequest request, RunProblems problems)
    {
        var named = request.Judge is not null;
        var format = request.Format is { } name ? BenchmarkFormats.TryGet(name) : Format(null, request.BenchmarkBlob, new RunProblems([]));
        var judge = request.Judge ?? (format is null ? null : new JudgeSpec(format.DefaultManifest(string.Empty).DefaultJudge));
        if (judge is null)
        {
            return null;
        }

        if (judge.Endpoint is null && request.JudgeEndpoint is not null)
        {
            judge = judge with { Endpoint = request.JudgeEndpoint };
        }

        // The judge's name first: with an unknown judge (`nosuch:E`) the endpoint's problem alone would hide the cause.
        var unknown = UnknownJudges(judge, problems);
        var endpointNames = (judge.Ensemble?.Members.Select(m => m.Endpoint) ?? []).Append(judge.Endpoint).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var endpoint in endpointNames)
        {
            unknown |= CheckEndpoint(endpoint == request.JudgeEndpoint && request.Judge?.Endpoint != endpoint ? "judgeEndpoint" : "judge", endpoint, problems);
        }

        if (!unknown && !problems.Has("judge") && judgeResolver.Check(judge) is { } problem)
        {
            problems.Add("judge", named ? problem : $"the {format!.Name} benchmark's default judge: {problem}");
        }

        return judge;
    }

    /// <returns>True when the judge, or a member of its ensemble, is not in the catalogue (each is named, with the known ones).</returns>
    private static bool UnknownJudges(JudgeSpec judge, RunProblems problems)
    {
        var unknown = false;
        foreach (var name in judge.Ensemble?.Members.Select(m => m.Name) ?? [judge.Name])
        {
            if (JudgeCatalogue.TryResolve(name, out var problem) is null)
            {
                problems.Add("judge", problem!);
                unknown = true;
            }
        }

        return unknown;
    }

    private static void CheckPairing(RunRequest request, JudgeSpec? judge, RunProblems problems)
    {
        var pairwise = judge is not null && JudgeCatalogue.IsPairwise(judge.Name);
        if (request.Arena)
        {
            if (ArenaProblem(pairwise, request.Baseline, request.Targets.Count) is { } problem)
            {
                problems.Add("options.arena", problem);
            }
        }
        else if (pairwise && (request.Baseline is null || !request.Targets.Any(t => t.Name == request.Baseline)))
        {
            problems.Add("options.baseline", $"judge '{judge!.Name}' compares every target with a baseline: name one of the run's targets ({string.Join(", ", request.Targets.Select(t => t.Name))})"
                + (request.Targets.Count >= 2 ? ", or judge every pair with arena" : string.Empty));
        }
        else if (!pairwise && request.Baseline is not null)
        {
            problems.Add("options.baseline", $"only pairwise judges ({JudgeCatalogue.KnownPairwise}) use a baseline");
        }

        if (request.LcV1 is not null && (!pairwise || request.Baseline is null || request.Arena))
        {
            problems.Add("options.lcDifficulty", "AlpacaEval's length-controlled win rate compares each target with a baseline: it needs a pairwise judge and a baseline");
        }
    }

    private static JudgeSpec? Judge(string? text, RunProblems problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JudgeSpec.Parse(text);
        }
        catch (FormatException ex)
        {
            problems.Add("judge", ex.Message); // a malformed ensemble
            return null;
        }
    }

    private static IBenchmarkFormat? Format(string? name, string? benchmark, RunProblems problems)
    {
        try
        {
            return name is not null ? BenchmarkFormats.Get(name) : benchmark is not null ? BenchmarkFormats.Infer(benchmark) : null;
        }
        catch (ArgumentException)
        {
            problems.Add(name is null ? "benchmark" : "format",
                name is null
                    ? $"cannot tell the format from the file name; name the format: {string.Join(", ", BenchmarkFormats.Names)}"
                    : $"unknown format '{name}'; known formats: {string.Join(", ", BenchmarkFormats.Names)}");
            return null;
        }
    }

    private (List<TargetSpec> Targets, List<int> Positions) Targets(IReadOnlyList<string>? texts, RunProblems problems)
    {
        var (targets, positions) = (new List<TargetSpec>(), new List<int>());
        if (texts is null || texts.Count == 0)
        {
            problems.Add("targets", $"name at least one target: {TargetKinds.Accepted}");
            return (targets, positions);
        }

        for (var i = 0; i < texts.Count; i++)
        {
            var parsed = TargetKinds.Parse(texts[i] ?? string.Empty);
            if (parsed.Problem is { } problem)
            {
                problems.Add($"targets[{i}]", problem);
            }
            else if (parsed.Spec!.Kind == TargetKind.Recorded && RecordedBlobProblem(parsed.Spec.RecordedBlob) is { } blobProblem)
            {
                problems.Add($"targets[{i}]", "recorded answers: " + blobProblem);
            }
            else
            {
                targets.Add(parsed.Spec!);
                positions.Add(i);
            }
        }

        return (targets, positions);
    }

    private string? RecordedBlobProblem(string? blob)
    {
        BlobReference.Parse(blob, service.Uri, storage.Value.BenchmarksContainer, out var problem);
        return problem;
    }

    /// <returns>True when the name is not well formed or not configured.</returns>
    private bool CheckEndpoint(string field, string name, RunProblems problems)
    {
        if (TargetSyntax.EndpointNameProblem(name) is { } problem)
        {
            problems.Add(field, problem);
            return true;
        }

        if (endpoints.Value.Endpoints.ContainsKey(name))
        {
            return false;
        }

        problems.Add(field, $"no endpoint named '{name}' in configuration ({problems.Known})");
        problems.UnknownEndpoint = true;
        return true;
    }
}
