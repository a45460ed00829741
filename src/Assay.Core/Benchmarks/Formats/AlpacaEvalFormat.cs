using System.Runtime.CompilerServices;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// AlpacaEval's evaluation set as its outputs files hold it: a JSON array of <c>{instruction, output, generator,
/// dataset, datasplit}</c>. A case is the <c>instruction</c> (with the optional AlpacaEval 1 <c>input</c> after a
/// blank line); its category is <c>dataset</c> (helpful_base, koala, oasst, selfinstruct, vicuna); its id comes from
/// the instruction (<see cref="AlpacaEvalIds"/>) and its 0-based position is kept in <c>Metadata["index"]</c>.
/// The <c>output</c> of the same file is an answer, read with the <c>alpaca-eval-outputs</c> recorded format.
/// </summary>
public sealed class AlpacaEvalFormat : ILocatedBenchmarkFormat
{
    public const string FormatName = "alpaca-eval";

    public string Name => FormatName;

    public string IdField => "instruction";

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    // AlpacaEval compares each output with a baseline's; the pairwise judge needs --baseline.
    public BenchmarkManifest DefaultManifest(string sourceName) =>
        new(FormatName, FormatName, DefaultJudge: "mt-bench-pair", BatchSize: 25);

    public IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken) =>
        LocatedCases.WithoutLines(ReadLocatedAsync(source, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0L;
        await foreach (var record in NativeRecords.JsonArrayAsync(source, cancellationToken).ConfigureAwait(false))
        {
            var instruction = NativeRecords.RequiredText(record, "instruction");
            var input = record.OptionalString("input");
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["index"] = NativeRecords.Invariant(index++) };
            foreach (var field in (string[])["generator", "datasplit"])
            {
                if (record.OptionalString(field) is { Length: > 0 } value)
                {
                    metadata[field] = value;
                }
            }

            var evalCase = new EvalCase
            {
                Id = AlpacaEvalIds.FromInstruction(instruction),
                Turns = [string.IsNullOrEmpty(input) ? instruction : $"{instruction}\n\n{input}"],
                Category = record.OptionalString("dataset") is { Length: > 0 } dataset ? dataset : null,
                Metadata = metadata,
            };
            yield return new LocatedCase(evalCase, record.Line);
        }
    }
}
