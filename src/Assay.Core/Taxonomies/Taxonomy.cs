namespace Assay.Core.Taxonomies;

/// <summary>A category of a benchmark taxonomy and the trust sub-categories (<c>safety/violence</c>) it is tagged with.</summary>
public sealed record TaxonomyCategory(string Id, string Name, IReadOnlyList<string>? Aliases = null, IReadOnlyList<string>? Trust = null);

/// <summary>
/// A taxonomy as a data file (embedded <c>Taxonomies/*.json</c>): its categories with ids, names, other spellings and
/// trust tags. <see cref="Source"/> says where the names come from and how far they were checked.
/// </summary>
public sealed record Taxonomy(string Name, string Title, string Source, IReadOnlyList<TaxonomyCategory> Categories)
{
    /// <summary>The category named <paramref name="text"/> (its name or an alias, ignoring case), or null.</summary>
    public TaxonomyCategory? FindByName(string text) => Categories.FirstOrDefault(c =>
        string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase)
        || (c.Aliases ?? []).Any(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase)));

    public TaxonomyCategory? FindById(string id) => Categories.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The trust survey's 7 categories and 29 sub-categories (Liu et al. 2023), from <c>trust-llm.json</c>.</summary>
public sealed record TrustTaxonomy(string Name, string Title, string Source, IReadOnlyList<TrustCategory> Categories);

public sealed record TrustCategory(string Id, string Name, string Description, IReadOnlyList<TrustSubcategory> Subcategories);

public sealed record TrustSubcategory(string Id, string Name);
