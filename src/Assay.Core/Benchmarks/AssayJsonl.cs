using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Assay.Core.Benchmarks;

/// <summary>
/// Assay's normalised case format: one <see cref="EvalCase"/> per line, written with <see cref="AssayJson.Options"/>.
/// Used for <c>assay-jsonl</c> benchmark files and for batch blobs; reading back what was written is exact.
/// </summary>
public static class AssayJsonl
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    /// <summary>The case as one JSON line, without the terminating newline.</summary>
    public static string Serialize(EvalCase evalCase)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        // JSON strings escape control characters, so model text with line breaks still stays on one line.
        return JsonSerializer.Serialize(evalCase, AssayJson.Options);
    }

    /// <summary>Writes the case and a <c>\n</c> as UTF-8 (no BOM).</summary>
    public static async Task WriteCaseAsync(Stream stream, EvalCase evalCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(evalCase);
        await JsonSerializer.SerializeAsync(stream, evalCase, AssayJson.Options, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(Newline, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cases as a UTF-8 JSONL document, e.g. one batch blob.</summary>
    public static byte[] ToUtf8Bytes(IEnumerable<EvalCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var builder = new StringBuilder();
        foreach (var evalCase in cases)
        {
            builder.Append(Serialize(evalCase)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Reads cases back; <paramref name="name"/> is used in error messages.</summary>
    public static async IAsyncEnumerable<EvalCase> ReadCasesAsync(
        Stream stream, string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var located in ReadLocatedAsync(stream, name, cancellationToken).ConfigureAwait(false))
        {
            yield return located.Case;
        }
    }

    public static async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(
        Stream stream, string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in JsonlRecordReader.ReadAsync(stream, name, cancellationToken).ConfigureAwait(false))
        {
            yield return new LocatedCase(ToCase(record), record.Line);
        }
    }

    /// <summary>Parses one line written by <see cref="Serialize"/>.</summary>
    public static EvalCase Parse(string line, string name = "(case)") => ToCase(JsonlRecordReader.Parse(name, 1, line));

    // Read field by field rather than with JsonSerializer so every problem names its field and line.
    private static EvalCase ToCase(JsonlRecord record) => new()
    {
        Id = record.RequiredIntOrString("id"),
        Turns = record.RequiredStringArray("turns", minCount: 1),
        References = record.OptionalStringArray("references"),
        Choices = record.OptionalStringArray("choices"),
        Category = record.OptionalString("category"),
        Tags = record.OptionalStringArray("tags") ?? [],
        Metadata = record.OptionalStringMap("metadata") ?? new Dictionary<string, string>(),
        Documents = CaseDocument.Read(record),
    };
}
