using System.Globalization;
using System.Text.Json;

namespace Assay.Core.Benchmarks;

/// <summary>A retrieved document a RAG case carries: the answer cites it as <c>[id]</c> or by position <c>[n]</c>.</summary>
public sealed record CaseDocument(string Id, string Text)
{
    /// <summary>
    /// Reads an optional <c>documents</c> array of <c>{"id", "text"}</c> objects (id a string or an integer, unique and
    /// non-empty; text non-empty), naming the line and field of any problem.
    /// </summary>
    public static IReadOnlyList<CaseDocument>? Read(JsonlRecord record, string field = "documents")
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!record.Root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw record.Error(field, $"expected an array of {{\"id\", \"text\"}} objects, found {JsonlRecordReader.Describe(value)}");
        }

        var documents = new List<CaseDocument>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{field}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw record.Error(path, $"expected an object with id and text, found {JsonlRecordReader.Describe(item)}");
            }

            var id = item.TryGetProperty("id", out var idValue) ? idValue.ValueKind switch
            {
                JsonValueKind.String => idValue.GetString()!.Trim(),
                JsonValueKind.Number when idValue.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
                _ => throw record.Error($"{path}.id", $"expected a string or an integer, found {JsonlRecordReader.Describe(idValue)}"),
            } : throw record.Error($"{path}.id", "missing required field");
            if (id.Length == 0 || id.Contains('[', StringComparison.Ordinal) || id.Contains(']', StringComparison.Ordinal))
            {
                throw record.Error($"{path}.id", "must be non-empty and without brackets (answers cite it as [id])");
            }

            if (!ids.Add(id))
            {
                throw record.Error($"{path}.id", $"duplicate document id '{id}'");
            }

            var text = record.RequiredString(item, "text", $"{path}.text");
            documents.Add(text.Trim().Length > 0 ? new CaseDocument(id, text) : throw record.Error($"{path}.text", "must not be empty"));
        }

        return documents;
    }
}
