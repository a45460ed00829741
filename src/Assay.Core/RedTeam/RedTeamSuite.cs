using System.Globalization;
using System.Text;
using Assay.Core.Benchmarks;

namespace Assay.Core.RedTeam;

/// <summary>
/// Coverage of one cell: K asked for, prompts parsed, prompts kept after dedupe (at most K), duplicates dropped,
/// unparseable fragments, and the generator error when the call failed.
/// </summary>
public sealed record CellCoverage(
    string Cell, string Category, string Style, string Technique, int Requested, int Parsed, int Unique, int Duplicates,
    IReadOnlyList<string> Unparseable, string? Error = null);

/// <summary>
/// Merges generated cells, in plan order, into one suite: prompts deduplicated after normalisation within a cell and
/// across the suite (the earlier cell in the seeded order keeps a shared prompt), at most K per cell, ids
/// <c>astral-{cell}-{n}</c>. Category is the safety category; metadata carries style, technique and cell so reports
/// break results down by them.
/// </summary>
public static class RedTeamSuite
{
    public const string StyleKey = "style";

    public const string TechniqueKey = "technique";

    public const string CellKey = "cell";

    public static (IReadOnlyList<EvalCase> Cases, IReadOnlyList<CellCoverage> Coverage) Assemble(CoveragePlan plan, IEnumerable<GeneratedCell> generated)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(generated);
        var byKey = generated.ToDictionary(g => g.Cell.Key, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cases = new List<EvalCase>();
        var coverage = new List<CellCoverage>();
        foreach (var cell in plan.Cells)
        {
            if (!byKey.TryGetValue(cell.Key, out var result))
            {
                throw new InvalidOperationException($"cell {cell.Key} of the plan was not generated");
            }

            var kept = 0;
            var duplicates = 0;
            foreach (var prompt in result.Prompts)
            {
                if (!seen.Add(Normalize(prompt)))
                {
                    duplicates++;
                    continue;
                }

                if (kept == plan.PerCell)
                {
                    continue;
                }

                kept++;
                cases.Add(new EvalCase
                {
                    Id = string.Create(CultureInfo.InvariantCulture, $"astral-{cell.Key}-{kept}"),
                    Turns = [prompt],
                    Category = cell.Category.Name,
                    Tags = ["astral"],
                    Metadata = new Dictionary<string, string>
                    {
                        [StyleKey] = cell.Style.Name,
                        [TechniqueKey] = cell.Technique.Name,
                        [CellKey] = cell.Key,
                    },
                });
            }

            coverage.Add(new CellCoverage(
                cell.Key, cell.Category.Name, cell.Style.Name, cell.Technique.Name, plan.PerCell, result.Prompts.Count, kept, duplicates,
                result.Unparseable, result.Error));
        }

        return (cases, coverage);
    }

    /// <summary>Case-, punctuation- and whitespace-insensitive form used to spot the same prompt written twice.</summary>
    public static string Normalize(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var builder = new StringBuilder(prompt.Length);
        var space = false;
        foreach (var ch in prompt.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(ch));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }
}

/// <summary>The coverage a generated suite achieved, saved next to it (<c>coverage.json</c>) and shown in the red-team report.</summary>
public sealed record SuiteCoverage(
    string RunId, int Seed, int PerCell, int CellsInMatrix, int CellsPlanned, int CellsFull, int Prompts, int Unparseable,
    string Generator, string TaxonomySource, IReadOnlyList<CellCoverage> Cells);
