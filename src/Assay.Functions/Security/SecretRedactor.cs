using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assay.Durable.Endpoints;
using Microsoft.Extensions.Options;

namespace Assay.Functions.Security;

/// <summary>
/// Last line of defence for text leaving the app (API responses, rejection files, log lines): any configured endpoint
/// key found in it is replaced. Keys should never get there in the first place; exception messages from SDKs and
/// names a caller pasted a key into are the risk. Bodies are redacted before they are serialised
/// (<see cref="RedactJson"/>), because a serialiser escapes characters (<c>+</c> as <c>\u002B</c>) and the escaped
/// key no longer matches; the escaped forms are masked in finished text as well.
/// </summary>
public sealed class SecretRedactor(IOptions<EndpointsOptions> endpoints)
{
    public const string Mask = "[redacted]";

    // Very short values would mask ordinary words; real keys are long.
    private const int MinimumSecretLength = 8;

    // A pasted key is cut where target syntax cuts (ENDPOINT+STRATEGY, NAME=TARGET, ~MUTATION, recorded:BLOB), and an
    // error message may echo one piece: long pieces are masked too.
    private static readonly char[] SyntaxCuts = ['+', '~', '=', ':', '/', '@', ','];

    private readonly Lazy<string[]> secrets = new(() => Forms(endpoints.Value.Endpoints.Values.Select(e => e.ApiKey).OfType<string>()));

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in secrets.Value)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Serialises <paramref name="body"/> with every string in it (values and property names) redacted first.</summary>
    public string RedactJson(object body, JsonSerializerOptions options)
    {
        var node = JsonSerializer.SerializeToNode(body, options);
        return Redact(node is null ? "null" : Redacted(node)!.ToJsonString(options));
    }

    private JsonNode? Redacted(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj.ToList())
                {
                    obj.Remove(key);
                    copy[Redact(key)] = Redacted(value);
                }

                return copy;
            case JsonArray array:
                var items = array.ToList();
                array.Clear();
                return new JsonArray([.. items.Select(Redacted)]);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(Redact(value.GetValue<string>()));
            default:
                return node;
        }
    }

    private static string[] Forms(IEnumerable<string> keys)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => k.Length >= MinimumSecretLength))
        {
            foreach (var piece in key.Split(SyntaxCuts).Where(p => p.Length >= MinimumSecretLength).Prepend(key))
            {
                forms.Add(piece);
                forms.Add(JsonEncodedText.Encode(piece).ToString());
                forms.Add(JsonEncodedText.Encode(piece, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString());
            }
        }

        return [.. forms.OrderByDescending(f => f.Length)];
    }
}
