using Assay.Core.Judges.Catalogue;
using Assay.Core.Judges.Rubrics;
using Microsoft.Extensions.Configuration;

namespace Assay.Durable.Resolution;

/// <summary>
/// The custom rubrics an operator configured: <c>Rubrics:NAME:File</c> (a rubric file on the host) or
/// <c>Rubrics:NAME:Template</c> (its text inline). A run names one as the judge <c>rubric.NAME:ENDPOINT</c>; a request
/// never carries a path. Every rubric is read and validated when the catalogue is built (host start-up), so a broken
/// rubric stops the host with its file, line and field instead of failing runs later.
/// </summary>
public sealed class RubricCatalog : IRubricSource
{
    public const string Section = "Rubrics";

    private readonly Dictionary<string, RubricTemplate> rubrics = new(StringComparer.Ordinal);

    /// <exception cref="RubricFormatException">A configured rubric is missing, unreadable or invalid.</exception>
    public RubricCatalog(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var rubric in configuration.GetSection(Section).GetChildren())
        {
            var file = rubric["File"];
            var inline = rubric["Template"];
            var origin = $"configuration {Section}:{rubric.Key}";
            if ((file is null) == (inline is null))
            {
                throw new RubricFormatException(origin, 0, "File", "set exactly one of File (a rubric file) and Template (its text)");
            }

            if (file is not null && !File.Exists(file))
            {
                throw new RubricFormatException(file, 0, null, $"the rubric file of {origin} does not exist");
            }

            rubrics[rubric.Key] = file is not null ? RubricTemplate.Parse(File.ReadAllText(file), file) : RubricTemplate.Parse(inline!, origin);
        }
    }

    public IEnumerable<string> Names => rubrics.Keys.Order(StringComparer.Ordinal);

    public bool Has(string judgeName) => RubricJudge.IsRubric(judgeName) && rubrics.ContainsKey(judgeName[RubricJudge.Prefix.Length..]);

    public RubricTemplate? Find(string name) => rubrics.GetValueOrDefault(name);

    public string Missing(string judgeName) =>
        $"judge '{judgeName}': no rubric named '{judgeName[RubricJudge.Prefix.Length..]}' in configuration ({Section}:NAME:File); configured: {(rubrics.Count == 0 ? "none" : string.Join(", ", Names))}";
}
