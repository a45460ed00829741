using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Assay.Bench;

/// <summary>
/// Counts the storage requests of this process (Azure SDK's "Azure-Core" event source: one Request event per HTTP
/// attempt) by method, service port and first path segment, to see where Azurite's CPU comes from. Listening costs CPU
/// itself, so it is on only with <c>--profile</c>.
/// </summary>
internal sealed class StorageRequestCounter : EventListener
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Counts => counts;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Azure-Core")
        {
            EnableEvents(source, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName != "Request" || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        var uri = e.PayloadNames.IndexOf("uri") is >= 0 and var u ? e.Payload[u] as string : null;
        var method = e.PayloadNames.IndexOf("method") is >= 0 and var m ? e.Payload[m] as string : null;
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return;
        }

        // /devstoreaccount1/{container or queue or table}/...: keep the port (service) and the resource's kind.
        var segments = parsed.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : "";
        var cut = resource.IndexOfAny(['(', '-']);
        resource = cut > 0 ? resource[..cut] : resource;
        var sub = segments.Length > 2 ? "/" + (segments[2].Length > 12 ? segments[2][..12] : segments[2]) : "";
        counts.AddOrUpdate($"{method} :{parsed.Port} {resource}{(parsed.Port % 10 == 0 ? sub : "")}", 1, (_, n) => n + 1);
    }
}
