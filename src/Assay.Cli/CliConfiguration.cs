using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Assay.Cli;

/// <summary>
/// Configuration of the local runner: an optional JSON file, then environment variables (<c>Endpoints__judge__BaseUrl</c>).
/// A Functions <c>local.settings.json</c> works as the file too: its <c>Values</c> use the same <c>__</c> keys.
/// </summary>
public static class CliConfiguration
{
    public static IConfiguration Build(string? configFile)
    {
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new CliException($"{configFile}: configuration file not found");
            }

            builder.AddInMemoryCollection(ReadFile(configFile));
        }

        return builder.AddEnvironmentVariables().Build();
    }

    private static List<KeyValuePair<string, string?>> ReadFile(string path)
    {
        using var document = ParseJson(path);
        var root = document.RootElement.TryGetProperty("Values", out var values) ? values : document.RootElement;
        var pairs = new List<KeyValuePair<string, string?>>();
        Flatten(root, prefix: null, pairs);
        return pairs;
    }

    private static JsonDocument ParseJson(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path}:{(ex.LineNumber ?? 0) + 1}: malformed JSON: {ex.Message}");
        }
    }

    private static void Flatten(JsonElement element, string? prefix, List<KeyValuePair<string, string?>> pairs)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var key = property.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                Flatten(property.Value, prefix is null ? key : ConfigurationPath.Combine(prefix, key), pairs);
            }
        }
        else if (prefix is not null)
        {
            pairs.Add(new(prefix, element.ValueKind is JsonValueKind.Null ? null : element.ValueKind is JsonValueKind.String ? element.GetString() : element.GetRawText()));
        }
    }
}

/// <summary>A problem with what the user asked for: printed as one line, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
