using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Assay.Core.JudgeEval;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// The three record streams the native formats are built on (JSON array, JSON Lines, CSV), opened from a source
/// and disposed when enumeration ends, plus the typed accessors <see cref="JsonlRecord"/> lacks. Every record
/// carries its file and line, so every error names file, line and the native field.
/// </summary>
internal static class NativeRecords
{
    public static async IAsyncEnumerable<JsonlRecord> JsonArrayAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var record in JsonArrayRecordReader.ReadAsync(stream, source.Name, cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
        }
    }

    public static async IAsyncEnumerable<JsonlRecord> JsonlAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var record in JsonlRecordReader.ReadAsync(stream, source.Name, cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
        }
    }

    public static async IAsyncEnumerable<CsvRecord> CsvAsync(
        IBenchmarkSource source, IReadOnlyList<string> requiredColumns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var record in CsvRecordReader.ReadAsync(stream, source.Name, requiredColumns, cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
        }
    }

    /// <summary>A string that must not be empty or white space (a prompt, an instruction).</summary>
    public static string RequiredText(JsonlRecord record, string field)
    {
        var text = record.RequiredString(field);
        return string.IsNullOrWhiteSpace(text) ? throw record.Error(field, "must not be empty") : text;
    }

    public static long RequiredInteger(JsonlRecord record, string field) => JsonFields.RequiredInteger(record, field);

    /// <summary>
    /// A scalar (string, number, boolean) as text, for metadata; null when absent or JSON null. Objects and arrays
    /// are an error naming the field: metadata is flat text.
    /// </summary>
    public static string? OptionalScalar(JsonlRecord record, string field)
    {
        if (!record.Root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Scalar(record, value, field);
    }

    public static string Scalar(JsonlRecord record, JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.String => JsonText.Read(value)!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw record.Error(field, $"expected a string, a number or a boolean, found {JsonlRecordReader.Describe(value)}"),
    };

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
