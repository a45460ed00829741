using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assay.Functions.Api;

/// <summary>
/// JSON of the HTTP API. Unknown fields in a request are an error, so a caller who sends <c>baseUrl</c> or
/// <c>apiKey</c> learns at once that nothing of the kind is accepted, instead of it being silently ignored.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
