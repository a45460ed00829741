using Assay.Core.Solvers;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Resolution;

namespace Assay.Durable.Runs;

/// <summary>
/// One kind of target as a run names it: its syntax (shown in help and in every "what would be accepted" message), its
/// parser, how it is checked against configuration and how it is resolved to an <c>ITarget</c>. <see cref="Parse"/>
/// returns null when the text is not this kind, else the spec or the problem with it. <see cref="Check"/> returns the
/// kind's own problem or null (the checks every target gets, such as sampling, are <c>TargetResolver</c>'s).
/// A test walks this table through parse, check and resolve.
/// </summary>
public sealed record TargetKindEntry(
    TargetKind Kind, string Syntax, string Description, Func<string?, string, TargetParse?> Parse, ResolveTarget Resolve, CheckTarget? Check = null);

/// <summary>Makes the target a spec names; <paramref name="repeat"/> offsets the seed, <paramref name="runId"/> scopes caches.</summary>
public delegate Task<ITarget> ResolveTarget(TargetResolver resolver, TargetSpec spec, int repeat, string? runId, CancellationToken ct);

/// <summary>What keeps a target of this kind from running, found without calling it; null when nothing does.</summary>
public delegate string? CheckTarget(TargetResolver resolver, TargetSpec spec);

/// <summary>A parsed target text: the spec, or what is wrong with the text.</summary>
public sealed record TargetParse(TargetSpec? Spec, string? Problem)
{
    public static TargetParse Ok(TargetSpec spec) => new(spec, null);

    public static TargetParse Error(string problem) => new(null, problem);
}

/// <summary>
/// The registry of target kinds, shared by <c>assay run --target</c> and the HTTP API's <c>targets</c>: each text is
/// <c>[NAME=]TARGET</c>, and the first kind whose syntax matches TARGET parses it (an endpoint name last, as the
/// fallback). Adding a kind is one entry here (<c>TargetResolver</c> reads it to check and resolve; it has no list of its own).
/// </summary>
public static class TargetKinds
{
    public const string RecordedPrefix = "recorded:";

    public const string FieldPrefix = "field:";

    public static IReadOnlyList<TargetKindEntry> All { get; } =
    [
        new(TargetKind.Null, NullModelTarget.DefaultName, "the built-in null model (one constant answer; also the canary)",
            (name, text) => Is(text, NullModelTarget.DefaultName) ? TargetParse.Ok(new TargetSpec(name ?? NullModelTarget.DefaultName, TargetKind.Null)) : null,
            (_, spec, _, _, _) => Task.FromResult<ITarget>(new NullModelTarget(name: spec.Name))),
        new(TargetKind.Refuse, RefuseAllTarget.DefaultName, "a built-in target that refuses everything",
            (name, text) => Is(text, RefuseAllTarget.DefaultName) ? TargetParse.Ok(new TargetSpec(name ?? RefuseAllTarget.DefaultName, TargetKind.Refuse)) : null,
            (_, spec, _, _, _) => Task.FromResult<ITarget>(new RefuseAllTarget(spec.Name))),
        new(TargetKind.Recorded, RecordedPrefix + "FILE", "answers recorded in a file (the CLI uploads a local file or folder; the API takes a blob in the benchmarks container)",
            (name, text) => text.StartsWith(RecordedPrefix, StringComparison.OrdinalIgnoreCase) ? Recorded(name, text[RecordedPrefix.Length..].Trim()) : null,
            async (resolver, spec, _, runId, ct) => await resolver.LoadRecordedAsync(spec, runId, ct).ConfigureAwait(false),
            (_, spec) => string.IsNullOrWhiteSpace(spec.RecordedBlob) ? $"target '{spec.Name}': a recorded target needs the blob of its answers file" : null),
        new(TargetKind.CaseField, FieldPrefix + "NAME", "a text each case carries in that field (judge evaluation of labelled pairs)",
            (name, text) => text.StartsWith(FieldPrefix, StringComparison.OrdinalIgnoreCase) ? Field(name, text[FieldPrefix.Length..].Trim()) : null,
            (_, spec, _, _, _) => Task.FromResult<ITarget>(new CaseFieldTarget(spec.Name, spec.Field ?? spec.Name))),
        new(TargetKind.Endpoint, "ENDPOINT[~MUTATION][+STRATEGY]", "a model endpoint named in configuration, optionally asked through a prompt mutation or strategy (docs/task-styles.md)",
            Endpoint,
            (resolver, spec, repeat, _, _) => Task.FromResult(resolver.Endpoint(spec, repeat)),
            (resolver, spec) => resolver.CheckEndpoint(spec)),
    ];

    /// <summary>The entry of a kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A kind with no entry (a test keeps every kind in <see cref="All"/>).</exception>
    public static TargetKindEntry Get(TargetKind kind) =>
        All.FirstOrDefault(k => k.Kind == kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown target kind");

    /// <summary>What a target may be, for help texts and error messages.</summary>
    public static string Accepted { get; } = "[NAME=]" + string.Join(" | ", All.Select(k => k.Syntax));

    /// <summary>Parses <c>[NAME=]TARGET</c> with the first kind that matches.</summary>
    public static TargetParse Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (name, target) = TargetSyntax.SplitName(text);
        if (name is not null && !TargetSyntax.IsEndpointName(name))
        {
            return TargetParse.Error("the NAME= part is letters, digits, '.', '_', '-' (at most 64 characters)");
        }

        if (target.Length == 0)
        {
            return TargetParse.Error($"empty target; write {Accepted}");
        }

        return All.Select(k => k.Parse(name, target)).First(p => p is not null)!;
    }

    private static bool Is(string text, string word) => text.Equals(word, StringComparison.OrdinalIgnoreCase);

    private static TargetParse Recorded(string? name, string blob)
    {
        if (blob.Length == 0)
        {
            return TargetParse.Error("recorded: names the answers file, recorded:FILE");
        }

        IRecordedAnswerFormat format;
        try
        {
            format = RecordedAnswerFormats.Infer(blob);
        }
        catch (ArgumentException)
        {
            return TargetParse.Error($"cannot tell the recorded-answer format from the file name ({string.Join(", ", RecordedAnswerFormats.Names)})");
        }

        return TargetParse.Ok(new TargetSpec(name ?? Path.GetFileNameWithoutExtension(blob), TargetKind.Recorded, RecordedBlob: blob, RecordedFormat: format.Name));
    }

    private static TargetParse Field(string? name, string field) =>
        field.Length == 0 ? TargetParse.Error("field: names the case field that holds the answer, field:NAME")
        : TargetParse.Ok(new TargetSpec(name ?? field, TargetKind.CaseField, Field: field));

    private static TargetParse Endpoint(string? name, string text)
    {
        // ENDPOINT[~MUTATION][+STRATEGY]: a variant of an endpoint target (see TargetVariant).
        var variant = TargetVariant.Parse(text);
        if (TargetSyntax.EndpointNameProblem(variant.Endpoint) is { } nameProblem)
        {
            return TargetParse.Error($"{nameProblem}; a target is {Accepted}");
        }

        return variant.Problem() is { } problem
            ? TargetParse.Error(problem)
            : TargetParse.Ok(new TargetSpec(name ?? variant.DefaultName, TargetKind.Endpoint, variant.Endpoint, Strategy: variant.Strategy, Mutation: variant.Mutation));
    }
}
