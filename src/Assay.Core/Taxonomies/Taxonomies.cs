using System.Text.Json;

namespace Assay.Core.Taxonomies;

/// <summary>
/// The built-in taxonomies (SORRY-Bench's 45 categories, AEGIS's 13 risk categories, RMCBench's levels, MT-Bench's
/// categories) and the trust survey they are tagged with. A case's category is looked up by name or alias in each
/// taxonomy in turn, or by <c>TAXONOMY:ID</c> (<c>sorry-bench:12</c>), so a reader can keep a native numeric code
/// unambiguous. Every tag must be a sub-category of the trust survey: a typo in a data file fails the first lookup.
/// </summary>
public static class Taxonomies
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<TrustTaxonomy> TrustData = new(() => Load<TrustTaxonomy>("trust-llm"));

    private static readonly Lazy<IReadOnlyList<Taxonomy>> Data = new(() =>
    {
        var known = TrustData.Value.Categories.SelectMany(c => c.Subcategories).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var taxonomies = new[] { "sorry-bench", "aegis", "rmcbench", "mt-bench" }.Select(Load<Taxonomy>).ToList();
        foreach (var (taxonomy, category, tag) in taxonomies.SelectMany(t => t.Categories.SelectMany(c => (c.Trust ?? []).Select(tag => (t, c, tag)))))
        {
            if (!known.Contains(tag))
            {
                throw new InvalidDataException($"Taxonomies/{taxonomy.Name}.json: category '{category.Id}': unknown trust tag '{tag}'");
            }
        }

        return taxonomies;
    });

    public static TrustTaxonomy Trust => TrustData.Value;

    public static IReadOnlyList<Taxonomy> All => Data.Value;

    /// <exception cref="ArgumentException">Not a built-in taxonomy.</exception>
    public static Taxonomy Get(string name) => All.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"unknown taxonomy '{name}' (known: {string.Join(", ", All.Select(t => t.Name))})", nameof(name));

    /// <summary>The taxonomy and category a case's category names, or null when no taxonomy knows it.</summary>
    public static (Taxonomy Taxonomy, TaxonomyCategory Category)? Find(string? category)
    {
        if (string.IsNullOrWhiteSpace(category))
        {
            return null;
        }

        var colon = category.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && All.FirstOrDefault(t => t.Name == category[..colon]) is { } qualified
            && qualified.FindById(category[(colon + 1)..]) is { } byId)
        {
            return (qualified, byId);
        }

        foreach (var taxonomy in All)
        {
            if (taxonomy.FindByName(category) is { } found)
            {
                return (taxonomy, found);
            }
        }

        return null;
    }

    private static T Load<T>(string name)
    {
        using var stream = typeof(Taxonomies).Assembly.GetManifestResourceStream($"Assay.Core.Taxonomies.{name}.json")
            ?? throw new InvalidOperationException($"embedded taxonomy {name}.json is missing");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"Taxonomies/{name}.json is empty");
    }
}
