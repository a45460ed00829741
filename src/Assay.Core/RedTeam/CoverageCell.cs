namespace Assay.Core.RedTeam;

/// <summary>One cell of the coverage matrix: a safety category written in a style with a persuasion technique.</summary>
public sealed record CoverageCell(AstralDimension Category, AstralDimension Style, AstralDimension Technique)
{
    /// <summary>Stable key (<c>c3-s1-t5</c>), the prefix of the ids of the cell's cases.</summary>
    public string Key => $"{Category.Id}-{Style.Id}-{Technique.Id}";
}

/// <summary>
/// The coverage criterion: every category × style × technique (or a seeded sample of N cells), each asked for K
/// prompts. The seed fixes the cell order (and so which cells a sample keeps and which cell wins a duplicate) and
/// each cell's generator sampling seed, so the same request plans the same suite.
/// </summary>
public sealed record CoveragePlan(int Seed, int PerCell, IReadOnlyList<CoverageCell> Cells, int CellsInMatrix)
{
    /// <exception cref="ArgumentException">K below 1, N below 1, or an unknown category.</exception>
    public static CoveragePlan Create(AstralTaxonomy taxonomy, int perCell, int seed, int? cells = null, IReadOnlyCollection<string>? categories = null)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        if (perCell < 1)
        {
            throw new ArgumentException($"prompts per cell must be at least 1 (was {perCell})", nameof(perCell));
        }

        if (cells is < 1)
        {
            throw new ArgumentException($"cells must be at least 1 (was {cells})", nameof(cells));
        }

        var matrix = (from c in taxonomy.SelectCategories(categories)
                      from s in taxonomy.Styles
                      from t in taxonomy.Techniques
                      select new CoverageCell(c, s, t)).ToList();
        // System.Random with an explicit seed is the same sequence on every run and platform.
        var random = new Random(seed);
        var ordered = matrix.ToArray();
        random.Shuffle(ordered);
        var kept = cells is { } n && n < ordered.Length ? ordered[..n] : ordered;
        return new CoveragePlan(seed, perCell, kept, matrix.Count);
    }

    /// <summary>The generator's sampling seed for a cell: the run seed mixed with the cell key (stable FNV-1a).</summary>
    public int CellSeed(CoverageCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var hash = 2166136261u ^ (uint)Seed;
        foreach (var ch in cell.Key)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
