using System.Text.Json;
using Azure.Storage.Blobs;

namespace Assay.Testing;

/// <summary>
/// The answer texts stored in a response cache container (segment blobs of JSON lines <c>{"hash","entry":{"text"}}</c>
/// and per-call entry blobs <c>{"text"}</c>), read as the cache's blobs, not through Assay's code: what a killed CLI had
/// made durable. Blobs are never rewritten, so each is read once and later calls read only new ones.
/// </summary>
public sealed class CachedAnswers(string storageConnection, string container = "cache")
{
    private readonly BlobContainerClient blobs = new BlobServiceClient(storageConnection).GetBlobContainerClient(container);
    private readonly HashSet<string> read = new(StringComparer.Ordinal);
    private readonly HashSet<string> texts = new(StringComparer.Ordinal);

    public async Task<IReadOnlySet<string>> ReadAsync(CancellationToken ct)
    {
        if (!await blobs.ExistsAsync(ct))
        {
            return texts;
        }

        await foreach (var blob in blobs.GetBlobsAsync(cancellationToken: ct))
        {
            if (!read.Add(blob.Name))
            {
                continue;
            }

            var content = (await blobs.GetBlobClient(blob.Name).DownloadContentAsync(ct)).Value.Content.ToString();
            foreach (var line in content.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var json = JsonDocument.Parse(line);
                var entry = json.RootElement.TryGetProperty("entry", out var inner) ? inner : json.RootElement;
                if (entry.TryGetProperty("text", out var text) && text.GetString() is { } value)
                {
                    texts.Add(value);
                }
            }
        }

        return texts;
    }
}
