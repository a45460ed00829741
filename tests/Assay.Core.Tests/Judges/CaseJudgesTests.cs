using Assay.Core.Judges;

namespace Assay.Core.Tests.Judges;

public sealed class CaseJudgesTests
{
    [Theory]
    [InlineData("mt-bench", typeof(MtBenchJudge), true)]
    [InlineData("refusal", typeof(RefusalJudge), false)]
    public void Creates_known_judges(string name, Type type, bool requiresModel)
    {
        var judge = CaseJudges.Create(name);

        Assert.IsType(type, judge);
        Assert.Equal(name, judge.Name);
        Assert.Equal(requiresModel, judge.RequiresModel);
        Assert.Contains(name, CaseJudges.Names);
    }

    [Fact]
    public void Unknown_names_list_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => CaseJudges.Create("gpt-judge"));

        Assert.Contains("mt-bench", error.Message, StringComparison.Ordinal);
        Assert.Contains("refusal", error.Message, StringComparison.Ordinal);
    }
}
