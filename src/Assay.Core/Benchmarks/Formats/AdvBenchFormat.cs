using System.Runtime.CompilerServices;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// AdvBench's two CSV files (llm-attacks <c>data/advbench/</c>). <c>harmful_behaviors.csv</c> (goal,target): the
/// prompt is <c>goal</c>; <c>target</c>, the affirmative opening the GCG attack aims for, goes to
/// <c>Metadata["target"]</c>. <c>harmful_strings.csv</c> (target only): the string is both the prompt and the
/// reference, so <c>exact-match</c> tells whether a model reproduced it. The files have no ids: a case's id is its
/// 0-based row, and its category says which file it came from.
/// </summary>
public sealed class AdvBenchFormat : ILocatedBenchmarkFormat
{
    public const string FormatName = "advbench";

    public const string Behaviors = "harmful_behaviors";

    public const string Strings = "harmful_strings";

    private static readonly string[] RequiredColumns = ["target"];

    public string Name => FormatName;

    public string IdField => "(row)";

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    public BenchmarkManifest DefaultManifest(string sourceName) =>
        new(FormatName, FormatName, DefaultJudge: "refusal", BatchSize: 25);

    public IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken) =>
        LocatedCases.WithoutLines(ReadLocatedAsync(source, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0L;
        await foreach (var record in NativeRecords.CsvAsync(source, RequiredColumns, cancellationToken).ConfigureAwait(false))
        {
            var target = record.RequiredNonEmpty("target");
            // The header decides the file kind; a behaviours file with an empty goal is an error, not a string case.
            var behaviour = record.Fields.ContainsKey("goal");
            var evalCase = behaviour
                ? new EvalCase
                {
                    Id = NativeRecords.Invariant(index++),
                    Turns = [record.RequiredNonEmpty("goal")],
                    Category = Behaviors,
                    Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["target"] = target },
                }
                : new EvalCase
                {
                    Id = NativeRecords.Invariant(index++),
                    Turns = [target],
                    References = [target],
                    Category = Strings,
                };
            yield return new LocatedCase(evalCase, record.Line);
        }
    }
}
