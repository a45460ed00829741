using System.Text.Json;

namespace Assay.Core.Judges;

/// <summary>
/// FastChat's MT-Bench judge prompts, read from the embedded byte-identical copy of <c>judge_prompts.jsonl</c>,
/// and FastChat's rule for choosing one (<c>gen_judgment.py</c>: reference-based prompts for
/// <see cref="NeedReferenceCategories"/>, multi-turn prompts for the second turn).
/// </summary>
public static class MtBenchPrompts
{
    public const string ResourceName = "Assay.Core.Judges.Prompts.mt_bench_judge_prompts.jsonl";

    /// <summary>FastChat's <c>NEED_REF_CATS</c>.</summary>
    public static IReadOnlySet<string> NeedReferenceCategories { get; } =
        new HashSet<string>(["math", "reasoning", "coding", "arena-hard-200"], StringComparer.Ordinal);

    private static readonly Lazy<IReadOnlyDictionary<string, MtBenchPrompt>> AllLazy = new(Load);

    /// <summary>All eight prompts (pairwise ones too), by name.</summary>
    public static IReadOnlyDictionary<string, MtBenchPrompt> All => AllLazy.Value;

    public static MtBenchPrompt SingleGeneral => Get("single-v1");

    public static MtBenchPrompt SingleMath => Get("single-math-v1");

    public static MtBenchPrompt SingleMultiTurn => Get("single-v1-multi-turn");

    public static MtBenchPrompt SingleMathMultiTurn => Get("single-math-v1-multi-turn");

    public static MtBenchPrompt Get(string name) =>
        All.TryGetValue(name, out var prompt)
            ? prompt
            : throw new KeyNotFoundException($"No MT-Bench judge prompt named '{name}'.");

    /// <summary>True when FastChat judges this category against a reference answer.</summary>
    public static bool NeedsReference(string? category) =>
        category is not null && NeedReferenceCategories.Contains(category);

    /// <summary>
    /// The single-answer prompt FastChat uses for <paramref name="turnIndex"/> (0 or 1). A category that needs a
    /// reference but has none falls back to the general prompt, since the math template cannot be filled.
    /// </summary>
    public static MtBenchPrompt SelectSingle(string? category, int turnIndex, bool hasReference)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(turnIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(turnIndex, 1);
        var math = NeedsReference(category) && hasReference;
        return (math, turnIndex) switch
        {
            (false, 0) => SingleGeneral,
            (true, 0) => SingleMath,
            (false, _) => SingleMultiTurn,
            (true, _) => SingleMathMultiTurn,
        };
    }

    private static Dictionary<string, MtBenchPrompt> Load()
    {
        using var stream = typeof(MtBenchPrompts).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var prompts = new Dictionary<string, MtBenchPrompt>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var prompt = new MtBenchPrompt(
                Name: Field(root, "name"),
                Type: Field(root, "type"),
                SystemPrompt: Field(root, "system_prompt"),
                PromptTemplate: Field(root, "prompt_template"),
                OutputFormat: Field(root, "output_format"));
            prompts.Add(prompt.Name, prompt);
        }

        return prompts;
    }

    private static string Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"{ResourceName}: a prompt lacks the string field '{name}'.");
}
