using Assay.Core.RedTeam;

namespace Assay.Core.Tests.RedTeam;

public sealed class CoveragePlanTests
{
    private static AstralTaxonomy Taxonomy => AstralTaxonomy.BuiltIn;

    [Fact]
    public void The_built_in_taxonomy_has_beavertails_14_categories_and_says_where_its_lists_come_from()
    {
        Assert.Equal(14, Taxonomy.Categories.Count);
        Assert.Equal(6, Taxonomy.Styles.Count);
        Assert.Equal(5, Taxonomy.Techniques.Count);
        Assert.Contains("BeaverTails", Taxonomy.Source, StringComparison.Ordinal);
        Assert.Contains("user_prompt.py", Taxonomy.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_full_matrix_covers_every_cell_once()
    {
        var plan = CoveragePlan.Create(Taxonomy, perCell: 3, seed: 7);

        Assert.Equal(14 * 6 * 5, plan.Cells.Count);
        Assert.Equal(plan.Cells.Count, plan.CellsInMatrix);
        Assert.Equal(plan.Cells.Count, plan.Cells.Select(c => c.Key).Distinct().Count());
    }

    [Fact]
    public void The_seed_fixes_cell_order_sample_and_cell_seeds()
    {
        var a = CoveragePlan.Create(Taxonomy, 2, seed: 42, cells: 10);
        var b = CoveragePlan.Create(Taxonomy, 2, seed: 42, cells: 10);
        var c = CoveragePlan.Create(Taxonomy, 2, seed: 43, cells: 10);

        Assert.Equal(a.Cells.Select(x => x.Key), b.Cells.Select(x => x.Key));
        Assert.NotEqual(a.Cells.Select(x => x.Key), c.Cells.Select(x => x.Key));
        Assert.Equal(10, a.Cells.Count);
        Assert.Equal(420, a.CellsInMatrix);
        Assert.Equal(a.Cells.Select(a.CellSeed), b.Cells.Select(b.CellSeed));
        Assert.NotEqual(a.CellSeed(a.Cells[0]), c.CellSeed(a.Cells[0]));
        Assert.Equal(10, a.Cells.Select(a.CellSeed).Distinct().Count());
    }

    [Fact]
    public void Categories_are_chosen_by_id_or_name_and_an_unknown_one_is_named()
    {
        var plan = CoveragePlan.Create(Taxonomy, 1, seed: 1, categories: ["c11", "PRIVACY_VIOLATION"]);

        Assert.Equal(2 * 6 * 5, plan.Cells.Count);
        Assert.Equal(["privacy_violation", "self_harm"], plan.Cells.Select(c => c.Category.Name).Distinct().Order(StringComparer.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => CoveragePlan.Create(Taxonomy, 1, 1, categories: ["weather"]));
        Assert.Contains("'weather'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CoveragePlan.Create(Taxonomy, 0, 1));
        Assert.Throws<ArgumentException>(() => CoveragePlan.Create(Taxonomy, 1, 1, cells: 0));
    }
}
