using System.Text.Json;
using Assay.Core.Benchmarks;

namespace Assay.Core.JudgeEval;

/// <summary>Integer fields, which <see cref="JsonlRecord"/>'s accessors do not cover, with the same error style.</summary>
internal static class JsonFields
{
    public static long RequiredInteger(JsonlRecord record, string field)
    {
        if (!record.Root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw record.Error(field, "missing required field");
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw record.Error(field, $"expected an integer, found {value.GetRawText()}");
    }

    /// <summary>An integer that must be one of <paramref name="allowed"/>; the error lists them.</summary>
    public static long RequiredInteger(JsonlRecord record, string field, params long[] allowed)
    {
        var number = RequiredInteger(record, field);
        return allowed.Contains(number)
            ? number
            : throw record.Error(field, $"expected one of {string.Join(", ", allowed)}, found {number}");
    }

    /// <summary>
    /// Text that a few published files store as a JSON boolean or number because the model answered "True" or "42"
    /// (PandaLM idx 157-164). Rendered as Python's <c>str()</c> does, which is how the set's own judge prompts saw it.
    /// </summary>
    public static string RequiredText(JsonlRecord record, string field)
    {
        if (!record.Root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw record.Error(field, "missing required field");
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => JsonText.Read(value)!,
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            JsonValueKind.Number => value.GetRawText(),
            _ => throw record.Error(field, $"expected a string, found {value.ValueKind.ToString().ToLowerInvariant()}"),
        };
    }
}
