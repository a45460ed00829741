using System.Collections.Concurrent;
using Assay.Core.Solvers;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Storage;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Resolution;

/// <summary>
/// Turns a <see cref="TargetSpec"/> into a runnable <see cref="ITarget"/>. Recorded answer files are parsed once per
/// process: their blobs live under the run's folder and never change during the run.
/// </summary>
public sealed class TargetResolver(ChatClientFactory endpoints, RunStore store, IOptions<MutationOptions>? mutations = null)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RecordedTarget>>> recorded = new();

    /// <param name="repeat">Which sample the target is for: the seed, when set, is offset by it.</param>
    public async Task<ITarget> ResolveAsync(TargetSpec spec, CancellationToken ct, int repeat = 0) => spec.Kind switch
    {
        TargetKind.Null => new NullModelTarget(name: spec.Name),
        TargetKind.Refuse => new RefuseAllTarget(spec.Name),
        TargetKind.CaseField => new CaseFieldTarget(spec.Name, spec.Field ?? spec.Name),
        TargetKind.Endpoint when spec.IsVariant => Variant(spec, repeat),
        TargetKind.Endpoint => new ChatClientTarget(spec.Name, endpoints.Get(spec.Endpoint ?? spec.Name), spec.Sampling?.ToChatOptions(repeat)),
        TargetKind.Recorded => await LoadRecordedAsync(spec, ct).ConfigureAwait(false),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown target kind"),
    };

    /// <summary>Checks, before any work, that a target can be resolved; returns the problem or null.</summary>
    public string? Check(TargetSpec spec) => spec.Kind switch
    {
        TargetKind.Endpoint when !endpoints.IsConfigured(spec.Endpoint ?? spec.Name) =>
            $"target '{spec.Name}': no endpoint named '{spec.Endpoint ?? spec.Name}' in configuration " +
            $"(known: {endpoints.KnownNames})",
        TargetKind.Endpoint when spec.IsVariant && new TargetVariant(spec.Endpoint ?? spec.Name, spec.Mutation, spec.Strategy).Problem() is { } problem =>
            $"target '{spec.Name}': {problem}",
        TargetKind.Endpoint when spec.Mutation is { } m && PromptMutations.Get(m).RequiresGenerator && GeneratorProblem(m) is { } problem =>
            $"target '{spec.Name}': {problem}",
        TargetKind.Recorded when string.IsNullOrWhiteSpace(spec.RecordedBlob) =>
            $"target '{spec.Name}': a recorded target needs the blob of its answers file",
        _ when spec.Sampling?.Check() is { } problem => $"target '{spec.Name}': {problem}",
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

    private Task<RecordedTarget> LoadRecordedAsync(TargetSpec spec, CancellationToken ct)
    {
        var key = $"{spec.Name}\n{spec.RecordedBlob}\n{spec.RecordedFormat}";
        var lazy = recorded.GetOrAdd(key, _ => new Lazy<Task<RecordedTarget>>(async () =>
        {
            var container = await store.BenchmarksAsync(CancellationToken.None).ConfigureAwait(false);
            var format = spec.RecordedFormat is { } name
                ? RecordedAnswerFormats.Get(name)
                : RecordedAnswerFormats.Infer(spec.RecordedBlob!);
            var source = new BlobBenchmarkSource(container, spec.RecordedBlob!);
            return await RecordedTarget.LoadAsync(spec.Name, format, source, CancellationToken.None).ConfigureAwait(false);
        }));
        return LoadOrForgetAsync(key, lazy, ct);
    }

    private async Task<RecordedTarget> LoadOrForgetAsync(string key, Lazy<Task<RecordedTarget>> lazy, CancellationToken ct)
    {
        try
        {
            return await lazy.Value.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            recorded.TryRemove(key, out _);
            throw;
        }
    }
}
