using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// Turns a configured endpoint name into an <see cref="IChatClient"/>. One client per endpoint per process, so the
/// concurrency limit holds across batches and runs. Unknown names fail with the list of known ones.
/// </summary>
public sealed class ChatClientFactory(IOptions<EndpointsOptions> options) : IDisposable
{
    // OpenAI-compatible servers (vLLM, TGI, Ollama) usually take no key, but the SDK insists on a credential.
    private const string NoKey = "no-key";

    private readonly ConcurrentDictionary<string, Lazy<IChatClient>> clients = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => options.Value.Endpoints.Keys;

    public bool IsConfigured(string name) => options.Value.Endpoints.ContainsKey(name);

    public IChatClient Get(string name) => clients.GetOrAdd(name, n => new Lazy<IChatClient>(() => Create(n))).Value;

    public void Dispose()
    {
        foreach (var client in clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private IChatClient Create(string name)
    {
        if (!options.Value.Endpoints.TryGetValue(name, out var endpoint))
        {
            var known = Names.Count == 0 ? "none are configured" : "known: " + string.Join(", ", Names.Order());
            throw new UnknownEndpointException(name, $"No endpoint named '{name}' in configuration ({known}).");
        }

        var model = endpoint.Model!;
        var timeout = TimeSpan.FromSeconds(endpoint.TimeoutSeconds);
        IChatClient client = endpoint.Kind switch
        {
            EndpointKind.AzureOpenAI => CreateAzure(endpoint, timeout).GetChatClient(model).AsIChatClient(),
            _ => new OpenAIClient(
                    new ApiKeyCredential(string.IsNullOrWhiteSpace(endpoint.ApiKey) ? NoKey : endpoint.ApiKey),
                    new OpenAIClientOptions { Endpoint = endpoint.BaseUrl, NetworkTimeout = timeout })
                .GetChatClient(model).AsIChatClient(),
        };
        return new ConcurrencyLimitedChatClient(client, endpoint.MaxConcurrency);
    }

    private static AzureOpenAIClient CreateAzure(EndpointOptions endpoint, TimeSpan timeout)
    {
        var clientOptions = new AzureOpenAIClientOptions { NetworkTimeout = timeout, RetryPolicy = new ClientRetryPolicy(3) };
        return string.IsNullOrWhiteSpace(endpoint.ApiKey)
            ? new AzureOpenAIClient(endpoint.BaseUrl!, new DefaultAzureCredential(), clientOptions)
            : new AzureOpenAIClient(endpoint.BaseUrl!, new ApiKeyCredential(endpoint.ApiKey), clientOptions);
    }
}

public sealed class UnknownEndpointException(string name, string message) : InvalidOperationException(message)
{
    public string EndpointName { get; } = name;
}
