using Assay.Core.Benchmarks;
using Assay.Core.Solvers;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Runs;
using Assay.Durable.Storage;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Resolution;

/// <summary>
/// Turns a <see cref="TargetSpec"/> into a runnable <see cref="ITarget"/>. Recorded answer files are parsed once per
/// run and blob version, and kept within a byte budget (<see cref="RecordedAnswerCache"/>).
/// </summary>
public sealed class TargetResolver(ChatClientFactory endpoints, RunStore store, IOptions<MutationOptions>? mutations = null)
{
    private readonly RecordedAnswerCache recorded = new(store.MaxRecordedCacheBytes);

    /// <summary>Bytes of recorded-answer files held parsed (bounded by <c>RunLimits:MaxRecordedCacheBytes</c>).</summary>
    public long RecordedCacheBytes => recorded.Bytes;

    /// <param name="repeat">Which sample the target is for: the seed, when set, is offset by it.</param>
    /// <param name="runId">The run the target serves: recorded answers are cached per run.</param>
    public Task<ITarget> ResolveAsync(TargetSpec spec, CancellationToken ct, int repeat = 0, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return TargetKinds.Get(spec.Kind).Resolve(this, spec, repeat, runId, ct);
    }

    /// <summary>Checks, before any work, that a target can be resolved; returns the problem or null.</summary>
    public string? Check(TargetSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return TargetKinds.Get(spec.Kind).Check?.Invoke(this, spec)
            ?? (spec.Sampling?.Check() is { } problem ? $"target '{spec.Name}': {problem}" : null);
    }

    /// <summary>An endpoint target, or a variant of one (a mutation or strategy), for <see cref="TargetKinds"/>.</summary>
    internal ITarget Endpoint(TargetSpec spec, int repeat) => spec.IsVariant
        ? Variant(spec, repeat)
        : new ChatClientTarget(spec.Name, endpoints.Get(spec.Endpoint ?? spec.Name), spec.Sampling?.ToChatOptions(repeat));

    /// <summary>An endpoint target's problem: the endpoint, the variant, and a model-driven mutation's generator.</summary>
    internal string? CheckEndpoint(TargetSpec spec) => spec switch
    {
        _ when !endpoints.IsConfigured(spec.Endpoint ?? spec.Name) =>
            $"target '{spec.Name}': no endpoint named '{spec.Endpoint ?? spec.Name}' in configuration " +
            $"(known: {endpoints.KnownNames})",
        { IsVariant: true } when new TargetVariant(spec.Endpoint ?? spec.Name, spec.Mutation, spec.Strategy).Problem() is { } problem =>
            $"target '{spec.Name}': {problem}",
        { Mutation: { } m } when PromptMutations.Get(m).RequiresGenerator && GeneratorProblem(m) is { } problem =>
            $"target '{spec.Name}': {problem}",
        _ => null,
    };

    private SolverTarget Variant(TargetSpec spec, int repeat)
    {
        var mutation = spec.Mutation is { } name ? PromptMutations.Get(name) : null;
        var generator = mutation is { RequiresGenerator: true } && mutations?.Value.Generator is { } g ? endpoints.Get(g) : null;
        return new SolverTarget(
            spec.Name, endpoints.Get(spec.Endpoint ?? spec.Name), spec.Sampling?.ToChatOptions(repeat), spec.Strategy, mutation, generator);
    }

    // The generator is named in configuration only: a run can choose a model-driven mutation, never the model doing it.
    private string? GeneratorProblem(string mutation) => mutations?.Value.Generator switch
    {
        null or "" => $"mutation '{mutation}' rewrites prompts with a model: name its endpoint in configuration ({MutationOptions.Section}__Generator)",
        var g when !endpoints.IsConfigured(g) => $"the mutation generator '{g}' ({MutationOptions.Section}:Generator) is not a configured endpoint (known: {endpoints.KnownNames})",
        _ => null,
    };

    // Keyed by content, not by target name: a run naming one file under many names parses it once. The run is part of
    // the key, so one run's answers never serve another's, and the ETag, so a replaced blob is read again.
    internal async Task<RecordedTarget> LoadRecordedAsync(TargetSpec spec, string? runId, CancellationToken ct)
    {
        var container = await store.BenchmarksAsync(ct).ConfigureAwait(false);
        var blob = container.GetBlobClient(spec.RecordedBlob!);
        var source = new BlobBenchmarkSource(container, spec.RecordedBlob!, store.MaxBenchmarkBytes);
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new BenchmarkFormatException(source.Name, 0, null, "the recorded-answer blob does not exist", ex);
        }

        var format = spec.RecordedFormat is { } name ? RecordedAnswerFormats.Get(name) : RecordedAnswerFormats.Infer(spec.RecordedBlob!);
        var key = $"{runId}\n{spec.RecordedBlob}\n{properties.ETag}\n{format.Name}";
        var loaded = await recorded.GetAsync(
            key,
            properties.ContentLength,
            () => RecordedTarget.LoadAsync(spec.Name, format, source, CancellationToken.None),
            ct).ConfigureAwait(false);
        return loaded.Name == spec.Name ? loaded : new RecordedTarget(spec.Name, loaded.Answers, loaded.SourceName);
    }
}
