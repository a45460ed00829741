using System.Runtime.CompilerServices;
using Assay.Core.Benchmarks;

namespace Assay.Core.Debates;

/// <summary>
/// Streams LOGICOM's <c>all-claim-not-claim.csv</c> (columns id, title, claim, reason, and others that are not used):
/// every record must have a non-empty id, title, claim and reason, and ids must be unique.
/// </summary>
public static class LogicomClaims
{
    private static readonly string[] RequiredColumns = ["id", "title", "claim", "reason"];

    /// <param name="limit">Stop after this many claims (the file's first ones); null reads all.</param>
    /// <exception cref="BenchmarkFormatException">A bad record, naming file, line and field; or no claim at all.</exception>
    public static async IAsyncEnumerable<DebateClaim> ReadAsync(
        Stream stream, string file, int? limit = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be at least 1");
        }

        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var record in CsvRecordReader.ReadAsync(stream, file, RequiredColumns, ct).ConfigureAwait(false))
        {
            var id = record.RequiredNonEmpty("id").Trim();
            if (!seen.TryAdd(id, record.Line))
            {
                throw record.Error("id", $"'{id}' appears twice (first on line {seen[id]})");
            }

            yield return new DebateClaim(id, record.RequiredNonEmpty("title"), record.RequiredNonEmpty("claim"), record.RequiredNonEmpty("reason"), record.Line);
            if (seen.Count == limit)
            {
                yield break;
            }
        }

        if (seen.Count == 0)
        {
            throw new BenchmarkFormatException(file, 0, null, "no claims: the file has a header but no records");
        }
    }

    /// <summary>Reads a whole file (validation before a run starts; the run itself reads the uploaded blob).</summary>
    public static async Task<List<DebateClaim>> ReadFileAsync(string path, int? limit, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var claims = new List<DebateClaim>();
        await foreach (var claim in ReadAsync(stream, Path.GetFileName(path), limit, ct).ConfigureAwait(false))
        {
            claims.Add(claim);
        }

        return claims;
    }
}
