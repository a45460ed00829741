namespace Assay.Durable.Contracts;

public enum TargetKind
{
    /// <summary>A configured endpoint, by name.</summary>
    Endpoint,

    /// <summary>Answers already recorded in a native file (MT-Bench model_answer, XSTest completions) in blob storage.</summary>
    Recorded,

    /// <summary>Built-in constant-answer baseline: the cheating paper's null model.</summary>
    Null,

    /// <summary>Built-in baseline that refuses everything.</summary>
    Refuse,

    /// <summary>A text the case carries in its metadata (<see cref="TargetSpec.Field"/>): a labelled pair's outputs for judge evaluation.</summary>
    CaseField,
}

/// <summary>
/// A model under test as named in a run. Never carries a URL or key: endpoints are resolved from configuration by
/// <see cref="Endpoint"/>; recorded answers are read from a blob in the configured account.
/// </summary>
/// <param name="Sampling">Sampling parameters and repeats for an endpoint target; the endpoint's defaults when null.</param>
/// <param name="NoCache">Do not answer this target's calls, nor its judge's, from the response cache.</param>
/// <param name="Strategy">Prompting strategy of an endpoint target (<c>cot</c>, <c>cqot</c>); plain when null.</param>
/// <param name="Mutation">Prompt mutation of an endpoint target (<c>base64</c>, <c>translate:fr</c>, ...); none when null.</param>
public sealed record TargetSpec(
    string Name,
    TargetKind Kind,
    string? Endpoint = null,
    string? RecordedBlob = null,
    string? RecordedFormat = null,
    SamplingOptions? Sampling = null,
    bool NoCache = false,
    string? Field = null,
    string? Strategy = null,
    string? Mutation = null)
{
    /// <summary>An endpoint target asked through a strategy or a mutation, compared in the report with its plain form.</summary>
    public bool IsVariant => Kind == TargetKind.Endpoint && (Strategy is not null || Mutation is not null);

    /// <summary>Samples per case: <see cref="SamplingOptions.Repeats"/> for endpoints; built-in and recorded targets answer once.</summary>
    public int SampleCount() => Kind == TargetKind.Endpoint ? Math.Max(1, Sampling?.Repeats ?? 1) : 1;

    public static TargetSpec Null { get; } = new("null", TargetKind.Null);

    public static TargetSpec Refuse { get; } = new("refuse", TargetKind.Refuse);

    public static TargetSpec ForEndpoint(string endpoint) => new(endpoint, TargetKind.Endpoint, endpoint);
}
