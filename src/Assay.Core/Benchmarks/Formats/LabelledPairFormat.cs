using System.Runtime.CompilerServices;
using Assay.Core.JudgeEval;

namespace Assay.Core.Benchmarks;

/// <summary>
/// A judge meta-evaluation set as a benchmark: each labelled pair becomes a case whose two outputs ride in its metadata
/// (<c>answer_a</c>, <c>answer_b</c>) with the gold preference (<c>gold</c>: a, b or tie), so a pairwise judge can be run
/// over it like any benchmark (the outputs as <c>field:</c> targets) and scored against the gold labels.
/// </summary>
public sealed class LabelledPairFormat : IBenchmarkFormat
{
    public const string AnswerA = "answer_a";
    public const string AnswerB = "answer_b";
    public const string Gold = "gold";

    private LabelledPairFormat(string name) => Name = name;

    /// <summary>LLMBar's <c>dataset.json</c> (a JSON array of input, output_1, output_2, label); the subset is its place in LLMBar's tree or a record's <c>subset</c> field.</summary>
    public static LabelledPairFormat LlmBar { get; } = new("llmbar");

    /// <summary>PandaLM's test set with three human annotators; gold is their majority.</summary>
    public static LabelledPairFormat PandaLm { get; } = new("pandalm");

    /// <summary>AlpacaEval's judge annotations (<c>annotations.json</c>); gold from <c>preference</c>, subset = <c>dataset</c>.</summary>
    public static LabelledPairFormat AlpacaEvalAnnotations { get; } = new("alpaca-eval-annotations");

    /// <summary>RewardBench (prompt, chosen, rejected, subset, id): gold is always the chosen completion, shown as output A.</summary>
    public static LabelledPairFormat RewardBench { get; } = new("rewardbench");

    public string Name { get; }

    public string IdField => Name switch
    {
        "pandalm" => "idx",
        "alpaca-eval-annotations" => "instruction",
        "rewardbench" => "id",
        _ => "(position)",
    };

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    public BenchmarkManifest DefaultManifest(string sourceName) =>
        new(Name, Name, DefaultJudge: "mt-bench-pair", BatchSize: 25);

    public async IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var pairs = Name switch
        {
            "pandalm" => PandaLmReader.ReadAsync(source, cancellationToken),
            "alpaca-eval-annotations" => AlpacaEvalAnnotationReader.ReadAsync(source, cancellationToken),
            "rewardbench" => RewardBenchReader.ReadAsync(source, cancellationToken),
            _ => LlmBarReader.ReadAsync(source, LlmBarReader.SubsetOf(source.Name), cancellationToken),
        };
        await foreach (var pair in pairs.ConfigureAwait(false))
        {
            var metadata = new Dictionary<string, string>(pair.Metadata, StringComparer.Ordinal)
            {
                [AnswerA] = pair.OutputA,
                [AnswerB] = pair.OutputB,
                [Gold] = pair.Gold.ToString().ToLowerInvariant(),
            };
            yield return new EvalCase
            {
                Id = pair.Id,
                Turns = [pair.Input is { Length: > 0 } input ? $"{pair.Instruction}\n\n{input}" : pair.Instruction],
                Category = pair.Subset,
                Metadata = metadata,
            };
        }
    }
}
