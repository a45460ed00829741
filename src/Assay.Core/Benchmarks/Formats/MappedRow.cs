using System.Text.Json;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>One record of a generic file seen through its field names, CSV or JSONL alike; errors name the native field.</summary>
internal abstract class MappedRow
{
    public abstract long Line { get; }

    /// <summary>A non-empty text (JSON numbers and booleans as written).</summary>
    public abstract string Text(string field);

    /// <summary>The text, or null when the field is absent, null or empty.</summary>
    public abstract string? OptionalText(string field);

    /// <summary>Whether the field holds anything: present, not null, not an empty text.</summary>
    public abstract bool Has(string field);

    /// <summary>One text, or all the texts of an array field (JSONL).</summary>
    public abstract IReadOnlyList<string> Texts(string field);

    public abstract BenchmarkFormatException Error(string field, string problem);

    public static MappedRow Of(CsvRecord record) => new Csv(record);

    public static MappedRow Of(JsonlRecord record) => new Jsonl(record);

    private sealed class Csv(CsvRecord record) : MappedRow
    {
        public override long Line => record.Line;

        public override string Text(string field) => record.RequiredNonEmpty(field);

        public override string? OptionalText(string field) => record.NonEmpty(field);

        public override bool Has(string field) => record.NonEmpty(field) is not null;

        public override IReadOnlyList<string> Texts(string field) => [Text(field)];

        public override BenchmarkFormatException Error(string field, string problem) => record.Error(field, problem);
    }

    private sealed class Jsonl(JsonlRecord record) : MappedRow
    {
        public override long Line => record.Line;

        public override string Text(string field) =>
            OptionalText(field) ?? throw (record.Root.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null
                ? Error(field, "must not be empty")
                : Error(field, "missing required field"));

        public override string? OptionalText(string field)
        {
            var text = NativeRecords.OptionalScalar(record, field);
            return string.IsNullOrEmpty(text) ? null : text;
        }

        public override bool Has(string field) =>
            record.Root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            && !(value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);

        public override IReadOnlyList<string> Texts(string field) =>
            record.Root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Array
                ? record.RequiredStringArray(field, minCount: 1)
                : [Text(field)];

        public override BenchmarkFormatException Error(string field, string problem) => record.Error(field, problem);
    }
}
