using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Taxonomies;
using TaxonomyData = Assay.Core.Taxonomies.Taxonomies;

namespace Assay.Core.Tests.Taxonomies;

public sealed class TaxonomiesTests
{
    [Fact]
    public void The_data_files_hold_the_published_counts()
    {
        Assert.Equal(7, TaxonomyData.Trust.Categories.Count);
        Assert.Equal(29, TaxonomyData.Trust.Categories.Sum(c => c.Subcategories.Count));
        Assert.Equal(45, TaxonomyData.Get("sorry-bench").Categories.Count);
        Assert.Equal(Enumerable.Range(1, 45).Select(i => $"{i}"), TaxonomyData.Get("sorry-bench").Categories.Select(c => c.Id));
        Assert.Equal(13, TaxonomyData.Get("aegis").Categories.Count);
        Assert.Equal(5, TaxonomyData.Get("rmcbench").Categories.Count);
        Assert.Equal(8, TaxonomyData.Get("mt-bench").Categories.Count);
    }

    [Fact]
    public void Categories_are_found_by_name_alias_or_qualified_id()
    {
        Assert.Equal("Impersonation", TaxonomyData.Find("sorry-bench:12")!.Value.Category.Name);
        Assert.Equal("19", TaxonomyData.Find("illegal crafting, manufacturing, and distribution")!.Value.Category.Id);
        Assert.Equal("8", TaxonomyData.Find("Harassment")!.Value.Category.Id); // the 2025 spelling
        Assert.Equal(("aegis", "O4"), (TaxonomyData.Find("Guns and Illegal Weapons")!.Value.Taxonomy.Name, TaxonomyData.Find("Guns and Illegal Weapons")!.Value.Category.Id));
        Assert.Null(TaxonomyData.Find("12")); // a bare number is ambiguous: readers qualify it
        Assert.Null(TaxonomyData.Find(null));
    }

    [Fact]
    public void A_case_is_grouped_by_its_fields_and_its_category_trust_tags()
    {
        var evalCase = new EvalCase
        {
            Id = "1",
            Turns = ["q"],
            Category = "Threatening Words",
            Metadata = new Dictionary<string, string> { ["Difficulty"] = " hard ", ["label"] = "unsafe", ["prompt_style"] = "base64" },
        };

        Assert.Equal(
            [
                new CaseGroup("difficulty", "hard"), new CaseGroup("prompt_style", "base64"),
                new CaseGroup("trust", "social-norm"), new CaseGroup("trust", "safety"),
                new CaseGroup("trust_sub", "social-norm/toxicity"), new CaseGroup("trust_sub", "safety/violence"),
            ],
            CaseGroups.For(evalCase));
        Assert.Null(CaseGroups.For(new EvalCase { Id = "2", Turns = ["q"], Category = "nothing known" }));
    }
}
