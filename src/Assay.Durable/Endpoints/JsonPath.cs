using System.Globalization;
using System.Text.Json.Nodes;

namespace Assay.Durable.Endpoints;

/// <summary>
/// The small JSON path subset score endpoints need: dotted property names and array indices, an optional leading
/// <c>$</c> — <c>score</c>, <c>$.data[0].reward</c>, <c>[0][1].score</c>.
/// </summary>
internal static class JsonPath
{
    public static JsonNode? Select(JsonNode? root, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var node = root;
        var rest = path.Trim();
        if (rest.StartsWith('$'))
        {
            rest = rest[1..];
        }

        while (rest.Length > 0 && node is not null)
        {
            if (rest[0] == '.')
            {
                rest = rest[1..];
            }
            else if (rest[0] == '[')
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (close < 0 || !int.TryParse(rest[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw new FormatException($"bad index in JSON path '{path}'");
                }

                node = node is JsonArray array && index < array.Count ? array[index] : null;
                rest = rest[(close + 1)..];
            }
            else
            {
                var end = rest.IndexOfAny(['.', '[']);
                var name = end < 0 ? rest : rest[..end];
                node = node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? child : null;
                rest = end < 0 ? string.Empty : rest[end..];
            }
        }

        return node;
    }
}
