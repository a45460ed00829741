using Assay.Durable.Endpoints;
using Assay.Durable.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>Builds Assay's real endpoint pipeline for client-level tests, with short timeouts and backoffs.</summary>
internal static class EndpointKit
{
    /// <summary>An OpenAI-compatible endpoint tuned so that fault tests take milliseconds, not minutes.</summary>
    public static EndpointOptions Fast(Uri baseUrl, string model, int maxAttempts = 4) => new()
    {
        Kind = EndpointKind.OpenAICompatible,
        BaseUrl = baseUrl,
        Model = model,
        TimeoutSeconds = 0.5,
        MaxAttempts = maxAttempts,
        RetryBaseDelaySeconds = 0.02,
        RetryMaxDelaySeconds = 2,
    };

    public static ChatClientFactory Factory(ResponseCache? cache, params (string Name, EndpointOptions Options)[] endpoints)
    {
        var options = new EndpointsOptions();
        foreach (var (name, endpoint) in endpoints)
        {
            options.Endpoints[name] = endpoint;
        }

        return new ChatClientFactory(Options.Create(options), cache);
    }

    public static ResponseCache Cache(string storageConnection, string container = "cache", bool listOnce = false) => new(
        new RunStore(new BlobServiceClient(storageConnection), Options.Create(new StorageOptions { ConnectionString = storageConnection })),
        Options.Create(new CacheOptions { Container = container, ListOnce = listOnce }),
        NullLogger<ResponseCache>.Instance);

    public static string UniqueModel(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
