namespace Assay.Durable.Runs;

/// <summary>
/// A run as a caller describes it over HTTP or in configuration (nightly entries, upload defaults). Everything in it is
/// a name: the benchmark is a blob in the configured benchmarks container, targets and the judge name configured
/// endpoints or built-ins. <see cref="RunSpecValidator"/> turns it into a <c>RunRequest</c> or says what is wrong.
/// </summary>
public sealed record RunSpec
{
    /// <summary>Optional run id (also the orchestration instance id); a new one is made when absent.</summary>
    public string? RunId { get; init; }

    /// <summary>Blob name in the benchmarks container, or that blob's URL in the configured account (no query).</summary>
    public string? Benchmark { get; init; }

    /// <summary><c>mt-bench</c>, <c>xstest</c>, <c>assay-jsonl</c>; inferred from the blob name when absent.</summary>
    public string? Format { get; init; }

    /// <summary>
    /// Each an endpoint name, <c>null</c>, <c>refuse</c> or <c>recorded:BLOB</c> (answers in the benchmarks container),
    /// optionally prefixed with <c>NAME=</c> to rename it; the same syntax as <c>assay run --target</c>. An endpoint may
    /// name a variant, <c>ENDPOINT~MUTATION+STRATEGY</c> (<c>gpt4+cot</c>, <c>gpt4~translate:fr</c>): see TargetVariant.
    /// </summary>
    public IReadOnlyList<string>? Targets { get; init; }

    /// <summary><c>refusal</c> or <c>mt-bench:ENDPOINT</c>; the benchmark's default judge when absent.</summary>
    public string? Judge { get; init; }

    /// <summary>Endpoint for the benchmark's default LLM judge when <see cref="Judge"/> names none.</summary>
    public string? JudgeEndpoint { get; init; }

    public RunSpecOptions? Options { get; init; }
}
