using System.Runtime.CompilerServices;
using Assay.Core.Benchmarks;
using Assay.Core.Benchmarks.Formats;

namespace Assay.Core.Targets;

/// <summary>
/// An AlpacaEval outputs file (<c>model_outputs.json</c>, <c>outputs.json</c>): a JSON array of
/// <c>{instruction, output, generator, dataset}</c>. Answers join to cases by instruction, as AlpacaEval joins
/// outputs to the reference, through the id both sides derive from it (<see cref="AlpacaEvalIds"/>): order and
/// subsets do not matter, and an output whose instruction the benchmark lacks simply answers nothing.
/// </summary>
public sealed class AlpacaEvalOutputFormat : IRecordedAnswerFormat
{
    public const string FormatName = "alpaca-eval-outputs";

    public string Name => FormatName;

    public string IdField => "instruction";

    public async IAsyncEnumerable<RecordedAnswer> ReadAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var record in JudgeEval.JsonArrayRecordReader.ReadAsync(stream, source.Name, cancellationToken).ConfigureAwait(false))
            {
                var instruction = record.RequiredString("instruction");
                var output = record.RequiredString("output");
                var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
                if (record.OptionalString("generator") is { Length: > 0 } generator)
                {
                    metadata["generator"] = generator;
                }

                yield return new RecordedAnswer(AlpacaEvalIds.FromInstruction(instruction), [output], metadata) { Line = record.Line };
            }
        }
    }

    /// <summary>
    /// AlpacaEval keeps each model's outputs as <c>results/&lt;model&gt;/model_outputs.json</c>: that file is named
    /// after its folder; any other file after itself.
    /// </summary>
    public string? ModelName(IBenchmarkSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = source.Name.Replace('\\', '/');
        var name = Path.GetFileNameWithoutExtension(path);
        if (name.Equals("model_outputs", StringComparison.OrdinalIgnoreCase)
            && Path.GetFileName(Path.GetDirectoryName(path)) is { Length: > 0 } folder)
        {
            return folder;
        }

        return string.IsNullOrEmpty(name) ? null : name;
    }
}
