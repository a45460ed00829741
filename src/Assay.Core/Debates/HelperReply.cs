using System.Text.Json;

namespace Assay.Core.Debates;

/// <summary>
/// The helper's rewrite: a JSON object whose first, second and third values are (fallacy, fallacious argument, response)
/// or (tip, helping argument, response); LOGICOM took them by position, after removing line breaks, and so does this.
/// </summary>
public sealed record HelperReply(string Label, string Argument, string Response)
{
    /// <summary>The reply, or null when it is not such an object (LOGICOM then asks the helper to repair it).</summary>
    public static HelperReply? TryParse(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var text = raw.Replace("\n\n", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal).Trim();
        // Models often wrap JSON in a code fence; the object itself is what matters.
        var (start, end) = (text.IndexOf('{', StringComparison.Ordinal), text.LastIndexOf('}'));
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text[start..(end + 1)], new JsonDocumentOptions { AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var values = document.RootElement.EnumerateObject().Select(p => p.Value).ToList();
            if (values.Count < 3 || values[2].ValueKind != JsonValueKind.String || values[2].GetString() is not { Length: > 0 } response)
            {
                return null;
            }

            return new HelperReply(AsText(values[0]), AsText(values[1]), response);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string AsText(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
