using System.Globalization;
using System.Text.Json;

namespace Assay.Core.Benchmarks;

/// <summary>
/// One JSONL object with its location, and typed accessors that fail with a <see cref="BenchmarkFormatException"/>
/// naming the file, the line and the field. Nested fields are named by path, e.g. <c>choices[0].turns</c>.
/// </summary>
public sealed record JsonlRecord(string File, long Line, JsonElement Root)
{
    public BenchmarkFormatException Error(string? field, string problem) => new(File, Line, field, problem);

    public string RequiredString(string field) => RequiredString(Root, field, field);

    public string RequiredString(JsonElement owner, string name, string path)
    {
        var value = Required(owner, name, path);
        return value.ValueKind == JsonValueKind.String
            ? JsonText.Read(value)!
            : throw Error(path, $"expected a string, found {JsonlRecordReader.Describe(value)}");
    }

    /// <summary>The string, or null when the field is absent or JSON null.</summary>
    public string? OptionalString(string field)
    {
        var value = Optional(Root, field);
        return value is null ? null : RequiredString(Root, field, field);
    }

    /// <summary>An id written either as an integer (FastChat's <c>question_id</c>) or as a string.</summary>
    public string RequiredIntOrString(string field)
    {
        var value = Required(Root, field, field);
        return value.ValueKind switch
        {
            JsonValueKind.String => JsonText.Read(value)!,
            JsonValueKind.Number when value.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
            JsonValueKind.Number => throw Error(field, $"expected an integer or a string, found {value.GetRawText()}"),
            _ => throw Error(field, $"expected an integer or a string, found {JsonlRecordReader.Describe(value)}"),
        };
    }

    public IReadOnlyList<string> RequiredStringArray(string field, int minCount = 0) =>
        RequiredStringArray(Root, field, field, minCount);

    public IReadOnlyList<string> RequiredStringArray(JsonElement owner, string name, string path, int minCount = 0)
    {
        var value = Required(owner, name, path);
        return StringArray(value, path, minCount);
    }

    /// <summary>The strings, or null when the field is absent or JSON null.</summary>
    public IReadOnlyList<string>? OptionalStringArray(string field) =>
        Optional(Root, field) is { } value ? StringArray(value, field, 0) : null;

    /// <summary>An object of string values, or null when the field is absent or JSON null.</summary>
    public IReadOnlyDictionary<string, string>? OptionalStringMap(string field)
    {
        if (Optional(Root, field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error(field, $"expected an object of strings, found {JsonlRecordReader.Describe(value)}");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? JsonText.Read(property.Value)!
                : throw Error($"{field}.{property.Name}", $"expected a string, found {JsonlRecordReader.Describe(property.Value)}");
        }

        return map;
    }

    /// <summary>The first element of an array of objects (FastChat's <c>choices[0]</c>).</summary>
    public JsonElement RequiredFirstObject(string field)
    {
        var value = Required(Root, field, field);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(field, $"expected an array, found {JsonlRecordReader.Describe(value)}");
        }

        if (value.GetArrayLength() == 0)
        {
            throw Error(field, "must not be empty");
        }

        var first = value[0];
        return first.ValueKind == JsonValueKind.Object
            ? first
            : throw Error($"{field}[0]", $"expected an object, found {JsonlRecordReader.Describe(first)}");
    }

    private JsonElement Required(JsonElement owner, string name, string path) =>
        Optional(owner, name) ?? throw Error(path, "missing required field");

    private static JsonElement? Optional(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string[] StringArray(JsonElement value, string path, int minCount)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"expected an array of strings, found {JsonlRecordReader.Describe(value)}");
        }

        var items = new string[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            items[i] = item.ValueKind == JsonValueKind.String
                ? JsonText.Read(item)!
                : throw Error($"{path}[{i}]", $"expected a string, found {JsonlRecordReader.Describe(item)}");
            i++;
        }

        return items.Length >= minCount
            ? items
            : throw Error(path, minCount == 1 ? "must not be empty" : $"expected at least {minCount} items, found {items.Length}");
    }
}
