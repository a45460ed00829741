using System.Globalization;
using System.Runtime.CompilerServices;
using Assay.Core.Benchmarks;

namespace Assay.Core.JudgeEval;

/// <summary>
/// Reads LLMBar's <c>dataset.json</c> files: a JSON array of <c>{input, output_1, output_2, label}</c> where
/// <c>label</c> is 1 or 2, the better output. LLMBar has no ids, so a pair's id is its subset and 0-based position
/// within the subset. The subset is the file's place in LLMBar's tree (<see cref="SubsetOf"/>), unless a record
/// carries Assay's optional <c>subset</c> field: that is how several subsets travel in one file (a folder bundled for
/// one run), since an uploaded blob's name no longer says where the file came from.
/// </summary>
public static class LlmBarReader
{
    /// <exception cref="BenchmarkFormatException">A malformed file or record, naming the file, line and field.</exception>
    public static async IAsyncEnumerable<LabelledPair> ReadAsync(
        IBenchmarkSource source, string subset, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(subset);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            await foreach (var record in JsonArrayRecordReader.ReadAsync(stream, source.Name, cancellationToken).ConfigureAwait(false))
            {
                var named = record.OptionalString(SubsetField) is { } field
                    ? (field.Trim().Length > 0 ? field.Trim() : throw record.Error(SubsetField, "must not be empty"))
                    : subset;
                var index = positions.GetValueOrDefault(named);
                positions[named] = index + 1;
                yield return ToPair(record, named, index);
            }
        }
    }

    /// <summary>Reads <paramref name="subsets"/> (default: <see cref="LlmBarSubsets.All"/>) below LLMBar's <c>Dataset/</c> folder.</summary>
    /// <exception cref="BenchmarkFormatException">A subset's file is missing or malformed.</exception>
    public static async IAsyncEnumerable<LabelledPair> ReadDatasetAsync(
        string datasetFolder,
        IEnumerable<LlmBarSubset>? subsets = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetFolder);
        foreach (var subset in subsets ?? LlmBarSubsets.All)
        {
            var path = Path.Combine(datasetFolder, subset.RelativePath);
            if (!File.Exists(path))
            {
                throw new BenchmarkFormatException(path, 0, null, $"LLMBar subset {subset.Name} is missing");
            }

            await foreach (var pair in ReadAsync(new FileBenchmarkSource(path), subset.Name, cancellationToken).ConfigureAwait(false))
            {
                yield return pair;
            }
        }
    }

    /// <summary>Assay's optional per-record field naming the pair's subset (not in LLMBar's own files).</summary>
    public const string SubsetField = "subset";

    /// <summary>
    /// The subset a file is, from its path: a known subset's place in LLMBar's tree (<c>…/LLMBar/Adversarial/GPTInst/
    /// dataset.json</c> is <c>Adversarial/GPTInst</c>), else the folder it is in, else its file name.
    /// </summary>
    public static string SubsetOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var normalized = path.Replace('\\', '/');
        if (KnownIndex(normalized) is var known and >= 0)
        {
            return LlmBarSubsets.All[known].Name;
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(normalized) ?? string.Empty);
        return string.IsNullOrEmpty(folder) ? Path.GetFileNameWithoutExtension(normalized) : folder;
    }

    /// <summary>
    /// Every <c>dataset.json</c> below <paramref name="folder"/>, LLMBar's known subsets first in their published order,
    /// then any other in path order; a subset is named as <see cref="SubsetOf"/> does, or by its path below the folder
    /// when that name is taken (CaseStudy/Normal beside LLMBar/Natural).
    /// </summary>
    /// <exception cref="BenchmarkFormatException">No dataset.json in the folder, or a malformed one.</exception>
    public static async IAsyncEnumerable<LabelledPair> ReadFolderAsync(
        string folder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var files = Directory.EnumerateFiles(folder, "dataset.json", SearchOption.AllDirectories)
            .Select(f => (File: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .Where(f => !f.Relative.Contains("/evaluators/", StringComparison.Ordinal))
            .OrderBy(f => KnownIndex(Path.GetFullPath(f.File).Replace('\\', '/')) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new BenchmarkFormatException(folder, 0, null, "no LLMBar dataset.json in this folder or below it");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, relative) in files)
        {
            var name = SubsetOf(Path.GetFullPath(file));
            if (!names.Add(name))
            {
                name = Path.GetDirectoryName(relative)?.Replace('\\', '/') is { Length: > 0 } below ? below : name;
                names.Add(name);
            }

            await foreach (var pair in ReadAsync(new FileBenchmarkSource(file), name, cancellationToken).ConfigureAwait(false))
            {
                yield return pair;
            }
        }
    }

    // The position of the known subset the path ends with, or -1.
    private static int KnownIndex(string normalizedPath)
    {
        var rooted = "/" + normalizedPath.TrimStart('/');
        for (var i = 0; i < LlmBarSubsets.All.Count; i++)
        {
            if (rooted.EndsWith("/" + LlmBarSubsets.All[i].RelativePath, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static LabelledPair ToPair(JsonlRecord record, string subset, int index) => new()
    {
        Id = subset + "/" + index.ToString(CultureInfo.InvariantCulture),
        Subset = subset,
        Instruction = record.RequiredString("input"),
        OutputA = record.RequiredString("output_1"),
        OutputB = record.RequiredString("output_2"),
        Gold = JsonFields.RequiredInteger(record, "label", 1, 2) == 1 ? PairPreference.A : PairPreference.B,
    };
}
