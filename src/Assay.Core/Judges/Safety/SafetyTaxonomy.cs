using System.Text.Json;

namespace Assay.Core.Judges.Safety;

/// <summary>
/// A guard model's hazard categories, code to name (Llama Guard 3: S1 Violent Crimes … S14 Code Interpreter Abuse).
/// Data, not code: each taxonomy is an embedded JSON file under <c>Judges/Safety/taxonomies/</c>, selected by name
/// through the judge name (<c>safety-label</c> for <see cref="DefaultName"/>, <c>safety-label.llama-guard-2</c>).
/// </summary>
public sealed record SafetyTaxonomy(string Name, string Source, IReadOnlyDictionary<string, string> Categories)
{
    public const string DefaultName = "llama-guard-3";

    private const string ResourcePrefix = "Assay.Core.Judges.Safety.taxonomies.";

    private static readonly Lazy<IReadOnlyDictionary<string, SafetyTaxonomy>> AllLazy = new(LoadAll);

    /// <summary>Every embedded taxonomy by name.</summary>
    public static IReadOnlyDictionary<string, SafetyTaxonomy> All => AllLazy.Value;

    /// <exception cref="ArgumentException">No taxonomy of that name; the message lists the known ones.</exception>
    public static SafetyTaxonomy Get(string name) => All.TryGetValue(name, out var taxonomy)
        ? taxonomy
        : throw new ArgumentException($"Unknown safety taxonomy '{name}'. Known: {string.Join(", ", All.Keys.Order(StringComparer.Ordinal))}.", nameof(name));

    /// <summary>Reads one taxonomy file; <paramref name="origin"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">A missing or empty field, or a duplicate code, naming the file and field.</exception>
    public static SafetyTaxonomy Parse(string json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var name = Text(root, "name", origin);
        var source = Text(root, "source", origin);
        if (!root.TryGetProperty("categories", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new InvalidDataException($"{origin}: field 'categories' must be a non-empty array of {{code, name}}.");
        }

        var categories = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var where = $"categories[{index++}]";
            var code = Text(item, "code", $"{origin} {where}");
            if (!categories.TryAdd(code, Text(item, "name", $"{origin} {where}")))
            {
                throw new InvalidDataException($"{origin} {where}: field 'code' repeats '{code}'.");
            }
        }

        return new SafetyTaxonomy(name, source, categories);
    }

    private static string Text(JsonElement element, string field, string origin) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"{origin}: field '{field}' must be a non-empty string.");

    private static Dictionary<string, SafetyTaxonomy> LoadAll()
    {
        var assembly = typeof(SafetyTaxonomy).Assembly;
        var all = new Dictionary<string, SafetyTaxonomy>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var taxonomy = Parse(reader.ReadToEnd(), resource);
            var expected = resource[ResourcePrefix.Length..^".json".Length];
            if (taxonomy.Name != expected)
            {
                throw new InvalidDataException($"{resource}: field 'name' is '{taxonomy.Name}' but the file is named '{expected}'.");
            }

            all.Add(taxonomy.Name, taxonomy);
        }

        return all;
    }
}
