using System.Text.Json;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// Which native fields of a generic CSV or JSONL file make up a case, read from the manifest beside the file
/// (<c>&lt;name&gt;.manifest.json</c>). Exactly one of <see cref="Prompt"/> and <see cref="Turns"/>; at most one of
/// <see cref="Reference"/> and <see cref="Answer"/>. Choices are either one field holding an array (JSONL) or a list
/// of fields, one per option in letter order (e.g. CSV columns A, B, C, D).
/// </summary>
public sealed record FieldMapping
{
    public string? Id { get; init; }

    public string? Prompt { get; init; }

    public string? Turns { get; init; }

    public string? Reference { get; init; }

    public string? Answer { get; init; }

    public string? ChoicesField { get; init; }

    public IReadOnlyList<string>? ChoiceFields { get; init; }

    public string? Category { get; init; }

    public IReadOnlyList<string> Metadata { get; init; } = [];

    private static readonly string[] Keys = ["id", "prompt", "turns", "reference", "answer", "choices", "category", "metadata"];

    /// <summary>Parses a manifest; every problem names the manifest file and the key (its line when JSON is malformed).</summary>
    public static FieldMapping Parse(string file, string json, bool csv)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new BenchmarkFormatException(file, (ex.LineNumber ?? 0) + 1, null, "malformed JSON in the manifest", ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BenchmarkFormatException(file, 0, null, "the manifest must be a JSON object of field names");
        }

        foreach (var property in root.EnumerateObject().Where(p => !Keys.Contains(p.Name)))
        {
            throw new BenchmarkFormatException(file, 0, property.Name, $"unknown manifest key (known: {string.Join(", ", Keys)})");
        }

        var choices = root.TryGetProperty("choices", out var c) ? c : default;
        var mapping = new FieldMapping
        {
            Id = Name(file, root, "id"),
            Prompt = Name(file, root, "prompt"),
            Turns = Name(file, root, "turns"),
            Reference = Name(file, root, "reference"),
            Answer = Name(file, root, "answer"),
            Category = Name(file, root, "category"),
            ChoicesField = choices.ValueKind == JsonValueKind.String ? Name(file, root, "choices") : null,
            ChoiceFields = choices.ValueKind == JsonValueKind.Array ? Names(file, choices, "choices", min: 2) : null,
            Metadata = root.TryGetProperty("metadata", out var m) ? Names(file, m, "metadata", min: 0) : [],
        };
        return mapping.Check(file, choices, csv);
    }

    private FieldMapping Check(string file, JsonElement choices, bool csv)
    {
        if ((Prompt is null) == (Turns is null))
        {
            throw new BenchmarkFormatException(file, 0, "prompt", "name exactly one of 'prompt' (one field) and 'turns' (a field holding an array)");
        }

        if (Reference is not null && Answer is not null)
        {
            throw new BenchmarkFormatException(file, 0, "answer", "name either 'reference' (texts to compare with) or 'answer' (the gold choice), not both");
        }

        if (choices.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.String or JsonValueKind.Array))
        {
            throw new BenchmarkFormatException(file, 0, "choices", "expected a field name or a list of field names");
        }

        if (csv && (Turns is not null || ChoicesField is not null))
        {
            throw new BenchmarkFormatException(file, 0, Turns is not null ? "turns" : "choices",
                "a CSV field holds one text: map 'prompt', and 'choices' as a list of columns");
        }

        return (ChoicesField ?? (object?)ChoiceFields) is not null && Answer is null
            ? throw new BenchmarkFormatException(file, 0, "answer", "multiple-choice cases need the field holding the gold 'answer' (a letter or the option text)")
            : this;
    }

    private static string? Name(string file, JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } name
            ? name
            : throw new BenchmarkFormatException(file, 0, key, "expected the name of a field of the data file");
    }

    private static string[] Names(string file, JsonElement value, string key, int min)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0))
        {
            throw new BenchmarkFormatException(file, 0, key, "expected a list of field names");
        }

        string[] names = [.. value.EnumerateArray().Select(v => v.GetString()!)];
        return names.Length >= min ? names : throw new BenchmarkFormatException(file, 0, key, $"expected at least {min} field names");
    }
}
