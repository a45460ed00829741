using System.Text.Json;

namespace Assay.Core.RedTeam;

/// <summary>One value of a coverage dimension: a stable id (used in case ids) and a name the generator sees.</summary>
public sealed record AstralDimension(string Id, string Name, string Description);

/// <summary>
/// The three coverage dimensions of an ASTRAL suite, from the embedded <c>Taxonomies/astral.json</c>;
/// <see cref="Source"/> says where each list comes from and how far it was checked.
/// </summary>
public sealed record AstralTaxonomy(
    string Name, string Title, string Source,
    IReadOnlyList<AstralDimension> Categories, IReadOnlyList<AstralDimension> Styles, IReadOnlyList<AstralDimension> Techniques)
{
    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<AstralTaxonomy> Data = new(Load);

    public static AstralTaxonomy BuiltIn => Data.Value;

    /// <summary>The categories named by id or name (ignoring case), in the taxonomy's order; all when none are named.</summary>
    /// <exception cref="ArgumentException">A name the taxonomy does not know.</exception>
    public IReadOnlyList<AstralDimension> SelectCategories(IReadOnlyCollection<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return Categories;
        }

        var unknown = names.Where(n => !Categories.Any(c => Matches(c, n))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"unknown safety category {string.Join(", ", unknown.Select(u => $"'{u}'"))} (known: {string.Join(", ", Categories.Select(c => $"{c.Id}={c.Name}"))})",
                nameof(names));
        }

        return Categories.Where(c => names.Any(n => Matches(c, n))).ToList();
    }

    private static bool Matches(AstralDimension dimension, string text) =>
        string.Equals(dimension.Id, text.Trim(), StringComparison.OrdinalIgnoreCase)
        || string.Equals(dimension.Name, text.Trim(), StringComparison.OrdinalIgnoreCase);

    private static AstralTaxonomy Load()
    {
        using var stream = typeof(AstralTaxonomy).Assembly.GetManifestResourceStream("Assay.Core.Taxonomies.astral.json")
            ?? throw new InvalidOperationException("embedded taxonomy astral.json is missing");
        var taxonomy = JsonSerializer.Deserialize<AstralTaxonomy>(stream, CaseInsensitive)
            ?? throw new InvalidDataException("Taxonomies/astral.json is empty");
        foreach (var (dimension, values) in new[] { ("categories", taxonomy.Categories), ("styles", taxonomy.Styles), ("techniques", taxonomy.Techniques) })
        {
            if (values is null || values.Count == 0 || values.Select(v => v.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count() != values.Count)
            {
                throw new InvalidDataException($"Taxonomies/astral.json: '{dimension}' must be a non-empty list with unique ids");
            }
        }

        return taxonomy;
    }
}
