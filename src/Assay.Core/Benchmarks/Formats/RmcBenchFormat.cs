using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// RMCBench's <c>data/json/prompt.json</c>: a JSON array of <c>{pid, category, task, "level description", level,
/// prompt, "malicious functionality", "malicious categories"}</c>, code-to-code items adding <c>"original code"</c>,
/// <c>language</c>, <c>"code lines"</c> and <c>source</c>. The id is <c>pid</c>; the category is the rmcbench taxonomy's
/// id (<see cref="TaxonomyId"/>), so the report gets its trust tags; the native <c>category</c> (text-to-code or
/// code-to-code) goes to <c>Metadata["scenario"]</c> and <c>level</c> (1-3) to <c>Metadata["level"]</c>. The other text and number
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

            var scenario = record.RequiredString("category");
            metadata["scenario"] = scenario;
            var evalCase = new EvalCase
            {
                Id = pid,
                Turns = [NativeRecords.RequiredText(record, "prompt")],
                Category = TaxonomyId(scenario, level, metadata.GetValueOrDefault("task")),
                Metadata = metadata,
            };
            yield return new LocatedCase(evalCase, record.Line);
        }
    }

    /// <summary>
    /// The rmcbench taxonomy's id for a prompt (Taxonomies/rmcbench.json), which carries its trust tags: text-to-code
    /// by level, code-to-code by task (completion or translation). A scenario or task the taxonomy does not know keeps
    /// its own name, and the report shows the case as untagged rather than guessing.
    /// </summary>
    public static string TaxonomyId(string scenario, long level, string? task) => scenario.Trim().ToLowerInvariant() switch
    {
        "text-to-code" => FormattableString.Invariant($"text-to-code/level-{level}"),
        "code-to-code" when task?.Contains("completion", StringComparison.OrdinalIgnoreCase) == true => "code-to-code/completion",
        "code-to-code" when task?.Contains("translation", StringComparison.OrdinalIgnoreCase) == true => "code-to-code/translation",
        _ => scenario,
    };
}
