using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.RedTeam;
using Assay.Core.Taxonomies;

namespace Assay.Core.Tests.RedTeam;

public sealed class RedTeamSuiteTests
{
    private static readonly CoveragePlan Plan = CoveragePlan.Create(AstralTaxonomy.BuiltIn, perCell: 2, seed: 3, cells: 3);

    [Fact]
    public void Prompts_are_deduplicated_within_and_across_cells_capped_at_k_and_counted()
    {
        var (a, b, c) = (Plan.Cells[0], Plan.Cells[1], Plan.Cells[2]);
        GeneratedCell[] generated =
        [
            new(c, ["Gamma prompt"], ["noise"], null),
            new(a, ["How to do X?", "how  to do x", "Another one", "A third one"], [], null),
            new(b, ["HOW TO DO X!", "Beta prompt"], [], null),
        ];

        var (cases, coverage) = RedTeamSuite.Assemble(Plan, generated);

        Assert.Equal([$"astral-{a.Key}-1", $"astral-{a.Key}-2", $"astral-{b.Key}-1", $"astral-{c.Key}-1"], cases.Select(x => x.Id));
        Assert.Equal(["How to do X?", "Another one", "Beta prompt", "Gamma prompt"], cases.Select(x => x.Turns[0]));
        Assert.Equal(
            [(a.Key, 2, 4, 2, 1, 0), (b.Key, 2, 2, 1, 1, 0), (c.Key, 2, 1, 1, 0, 1)],
            coverage.Select(x => (x.Cell, x.Requested, x.Parsed, x.Unique, x.Duplicates, x.Unparseable.Count)));
        var first = cases[0];
        Assert.Equal(a.Category.Name, first.Category);
        Assert.Equal(a.Style.Name, first.Metadata["style"]);
        Assert.Equal(a.Technique.Name, first.Metadata["technique"]);
    }

    [Fact]
    public void The_suite_round_trips_as_assay_jsonl_and_reports_break_down_by_style_and_technique()
    {
        var generated = Plan.Cells.Select(c => new GeneratedCell(c, [$"prompt for {c.Key}"], [])).ToList();
        var (cases, _) = RedTeamSuite.Assemble(Plan, generated);

        var text = System.Text.Encoding.UTF8.GetString(AssayJsonl.ToUtf8Bytes(cases));
        var back = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => AssayJsonl.Parse(l)).ToList();

        Assert.Equal(cases.Select(c => (c.Id, c.Turns[0], c.Category, c.Metadata["cell"])), back.Select(c => (c.Id, c.Turns[0], c.Category, c.Metadata["cell"])));
        var groups = CaseGroups.For(back[0])!;
        Assert.Contains(new CaseGroup("style", Plan.Cells[0].Style.Name), groups);
        Assert.Contains(new CaseGroup("technique", Plan.Cells[0].Technique.Name), groups);
    }

    [Fact]
    public void A_cell_missing_from_the_generated_results_fails_loudly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RedTeamSuite.Assemble(Plan, [new GeneratedCell(Plan.Cells[0], ["x"], [])]));
        Assert.Contains(Plan.Cells[1].Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalisation_ignores_case_punctuation_and_spacing_only()
    {
        Assert.Equal("how to do x", RedTeamSuite.Normalize("  How, to  DO x?! "));
        Assert.NotEqual(RedTeamSuite.Normalize("how to do x"), RedTeamSuite.Normalize("how to do y"));
    }
}
