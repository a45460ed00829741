using System.Runtime.CompilerServices;
using Assay.Core.Benchmarks;

namespace Assay.Core.Targets;

/// <summary>FastChat's <c>model_answer/&lt;model&gt;.jsonl</c>: question_id, model_id, choices[0].turns.</summary>
public sealed class MtBenchAnswerFormat : IRecordedAnswerFormat
{
    public const string FormatName = "mt-bench-answers";

    public string Name => FormatName;

    public string IdField => "question_id";

    public async IAsyncEnumerable<RecordedAnswer> ReadAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var records = JsonlRecordReader.ReadAsync(stream, source.Name, cancellationToken);
            await foreach (var record in records.ConfigureAwait(false))
            {
                var id = record.RequiredIntOrString(IdField);
                var choice = record.RequiredFirstObject("choices");
                var turns = record.RequiredStringArray(choice, "turns", "choices[0].turns", minCount: 1);
                var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
                if (record.OptionalString("model_id") is { Length: > 0 } model)
                {
                    metadata["model_id"] = model;
                }

                yield return new RecordedAnswer(id, turns, metadata) { Line = record.Line };
            }
        }
    }

    /// <summary>FastChat names each file after the model: <c>model_answer/gpt-4.jsonl</c> is gpt-4.</summary>
    public string? ModelName(IBenchmarkSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = Path.GetFileNameWithoutExtension(source.Name.Replace('\\', '/'));
        return string.IsNullOrEmpty(name) ? null : name;
    }
}
