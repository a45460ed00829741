using System.Runtime.CompilerServices;

namespace Assay.Core.Benchmarks;

/// <summary>
/// The checks that need the whole file: unique, non-empty ids and at least one case. Everything that reads a
/// benchmark for a run should go through <see cref="ReadValidatedAsync"/> so results can be keyed by case id.
/// </summary>
public static class BenchmarkValidator
{
    /// <summary>Streams the format's cases, failing on the first empty or duplicate id and on an empty file.</summary>
    public static IAsyncEnumerable<EvalCase> ReadValidatedAsync(
        IBenchmarkFormat format, IBenchmarkSource source, CancellationToken cancellationToken = default) =>
        ReadValidatedAsync(format, source, limits: null, cancellationToken);

    /// <summary>Streams the format's cases, failing on the first empty or duplicate id and on an empty file.</summary>
    /// <param name="limits">The case-size cap (default: <see cref="ReaderLimits.Current"/>).</param>
    public static async IAsyncEnumerable<EvalCase> ReadValidatedAsync(
        IBenchmarkFormat format, IBenchmarkSource source, ReaderLimits? limits, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var maxCaseBytes = (limits ?? ReaderLimits.Current).MaxCaseBytes;
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(source);

        // Only ids are kept, so memory grows with the number of cases, not their size.
        var firstSeen = new Dictionary<string, long>(StringComparer.Ordinal);
        var count = 0L;
        await foreach (var located in ReadLocated(format, source, cancellationToken).ConfigureAwait(false))
        {
            count++;
            var (evalCase, line) = located;
            // A format that cannot say where a case is gets its ordinal, which the message labels as such.
            var where = line > 0 ? $"line {line}" : $"case #{count}";
            if (string.IsNullOrWhiteSpace(evalCase.Id))
            {
                throw new BenchmarkFormatException(source.Name, line, format.IdField, line > 0 ? "empty id" : $"empty id ({where})");
            }

            if (CaseSize.Oversized(evalCase, maxCaseBytes) is { } oversized)
            {
                var at = line > 0 ? string.Empty : $" ({where})";
                throw new BenchmarkFormatException(
                    source.Name, line, oversized.Field,
                    $"case '{evalCase.Id}' is {oversized.Bytes} bytes of text, over {maxCaseBytes} ({ReaderLimits.Section}:MaxCaseBytes){at}; its largest field is {oversized.Field}");
            }

            if (!firstSeen.TryAdd(evalCase.Id, line > 0 ? line : -count))
            {
                var first = firstSeen[evalCase.Id];
                var firstWhere = first > 0 ? $"line {first}" : $"case #{-first}";
                var problem = line > 0
                    ? $"duplicate id '{BenchmarkFormatException.Clip(evalCase.Id)}' (first on {firstWhere})"
                    : $"duplicate id '{BenchmarkFormatException.Clip(evalCase.Id)}' at {where} (first at {firstWhere})";
                throw new BenchmarkFormatException(source.Name, line, format.IdField, problem);
            }

            yield return evalCase;
        }

        if (count == 0)
        {
            throw new BenchmarkFormatException(source.Name, 0, null, "no cases");
        }
    }

    /// <summary>Reads the whole file through <see cref="ReadValidatedAsync"/> and counts cases per category.</summary>
    public static async Task<BenchmarkSummary> ValidateAsync(
        IBenchmarkFormat format, IBenchmarkSource source, CancellationToken cancellationToken = default)
    {
        var cases = 0;
        var categories = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var evalCase in ReadValidatedAsync(format, source, cancellationToken).ConfigureAwait(false))
        {
            cases++;
            var category = string.IsNullOrEmpty(evalCase.Category) ? BenchmarkSummary.NoCategory : evalCase.Category;
            categories[category] = categories.GetValueOrDefault(category) + 1;
        }

        return new BenchmarkSummary(cases, categories);
    }

    private static async IAsyncEnumerable<LocatedCase> ReadLocated(
        IBenchmarkFormat format, IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (format is ILocatedBenchmarkFormat located)
        {
            await foreach (var item in located.ReadLocatedAsync(source, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }

            yield break;
        }

        await foreach (var evalCase in format.ReadAsync(source, cancellationToken).ConfigureAwait(false))
        {
            yield return new LocatedCase(evalCase, 0);
        }
    }
}
