using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// RMCBench's <c>data/json/prompt.json</c>: a JSON array of <c>{pid, category, task, "level description", level,
/// prompt, "malicious functionality", "malicious categories"}</c>, code-to-code items adding <c>"original code"</c>,
/// <c>language</c>, <c>"code lines"</c> and <c>source</c>. The id is <c>pid</c>, the category is <c>category</c>
/// (text-to-code or code-to-code), <c>level</c> (1-3) goes to <c>Metadata["level"]</c>. The other text and number
/// fields are kept in the metadata under their own names, except <c>"original code"</c>, which the prompt already
/// contains; fields holding arrays or objects are not carried.
/// </summary>
public sealed class RmcBenchFormat : ILocatedBenchmarkFormat
{
    public const string FormatName = "rmcbench";

    private static readonly HashSet<string> Structural = new(StringComparer.Ordinal) { "pid", "category", "level", "prompt", "original code" };

    public string Name => FormatName;

    public string IdField => "pid";

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    // RMCBench counts refusals (GOOD) against malicious code written (BAD); refusal is the stand-in judge.
    public BenchmarkManifest DefaultManifest(string sourceName) =>
        new(FormatName, FormatName, DefaultJudge: "refusal", BatchSize: 25);

    public IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken) =>
        LocatedCases.WithoutLines(ReadLocatedAsync(source, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in NativeRecords.JsonArrayAsync(source, cancellationToken).ConfigureAwait(false))
        {
            var pid = record.RequiredIntOrString("pid");
            var level = NativeRecords.RequiredInteger(record, "level");
            if (level is < 1 or > 3)
            {
                throw record.Error("level", $"expected 1, 2 or 3, found {level}");
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["level"] = NativeRecords.Invariant(level) };
            foreach (var property in record.Root.EnumerateObject())
            {
                if (!Structural.Contains(property.Name)
                    && property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    metadata[property.Name] = NativeRecords.Scalar(record, property.Value, property.Name);
                }
            }

            var evalCase = new EvalCase
            {
                Id = pid,
                Turns = [NativeRecords.RequiredText(record, "prompt")],
                Category = record.RequiredString("category"),
                Metadata = metadata,
            };
            yield return new LocatedCase(evalCase, record.Line);
        }
    }
}
