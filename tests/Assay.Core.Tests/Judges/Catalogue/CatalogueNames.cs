using Assay.Core.Judges.Catalogue;
using Assay.Core.Judges.Rubrics;

namespace Assay.Core.Tests.Judges.Catalogue;

/// <summary>Every concrete name each catalogue entry answers to: bare, with its example parameter, and faithful.</summary>
internal static class CatalogueNames
{
    /// <summary>The rubric the tests configure for <c>rubric.NAME</c>.</summary>
    public static IRubricSource Rubrics { get; } = new OneRubric();

    public static IEnumerable<string> Of(JudgeDescriptor descriptor)
    {
        var bases = new List<string>();
        if (descriptor.Parameter is not { Required: true })
        {
            bases.Add(descriptor.Name);
        }

        if (descriptor.Parameter is { } parameter)
        {
            bases.Add($"{descriptor.Name}.{parameter.Example}");
        }

        return descriptor.HasFaithfulVariant ? bases.SelectMany(b => new[] { b, b + JudgeCatalogue.FaithfulSuffix }) : bases;
    }

    private sealed class OneRubric : IRubricSource
    {
        private readonly RubricTemplate helpful = RubricTemplate.Parse(Assay.Core.Tests.Judges.Rubrics.RubricJudgeTests.Scored, "helpful.md");

        public RubricTemplate? Find(string name) => name == "helpful" ? helpful : null;

        public string Missing(string judgeName) => $"judge '{judgeName}': no rubric of that name";
    }
}
