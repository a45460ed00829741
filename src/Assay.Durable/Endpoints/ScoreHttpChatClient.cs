using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// A reward model or classifier behind plain JSON over HTTP, seen as an <see cref="IChatClient"/> so that it gets the
/// same limits, retries, cache and accounting as the chat endpoints. The request is the configured template filled
/// from the conversation (last user message = prompt, last assistant message = response); the reply's text is the
/// number at <c>ScorePath</c>, or 1/0 when the path holds a label and <c>PositiveLabel</c> is set, or the label.
/// </summary>
internal sealed class ScoreHttpChatClient(HttpClient http, EndpointOptions options) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, options.BaseUrl)
        {
            Content = new StringContent(Fill(options.RequestTemplate!, history), Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new EndpointHttpException(0, null, ex.Message);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var retryAfter = Fault.ParseRetryAfter(name => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null);
                throw new EndpointHttpException((int)response.StatusCode, retryAfter, $"{response.ReasonPhrase}");
            }

            return new ChatResponse(new ChatMessage(ChatRole.Assistant, ReadScore(body))) { ModelId = options.Model };
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("a score endpoint does not stream");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => http.Dispose();

    /// <summary>Placeholders become JSON values, so text with quotes or newlines can never break the body.</summary>
    internal static string Fill(string template, IReadOnlyList<ChatMessage> history, string? model = null)
    {
        string Last(ChatRole role) => history.LastOrDefault(m => m.Role == role)?.Text ?? string.Empty;
        var conversation = new JsonArray(history.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["content"] = m.Text }).ToArray());
        return template
            .Replace("{{prompt}}", JsonSerializer.Serialize(Last(ChatRole.User)), StringComparison.Ordinal)
            .Replace("{{response}}", JsonSerializer.Serialize(Last(ChatRole.Assistant)), StringComparison.Ordinal)
            .Replace("{{model}}", JsonSerializer.Serialize(model ?? string.Empty), StringComparison.Ordinal)
            .Replace("{{conversation}}", conversation.ToJsonString(), StringComparison.Ordinal);
    }

    private string Fill(string template, IReadOnlyList<ChatMessage> history) => Fill(template, history, options.Model);

    private string ReadScore(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new UnusableResponseException($"not JSON ({ex.Message})");
        }

        var node = JsonPath.Select(root, options.ScorePath!);
        if (node is JsonValue value && value.TryGetValue<double>(out var number))
        {
            return number.ToString("R", CultureInfo.InvariantCulture);
        }

        if (node is JsonValue label && label.TryGetValue<string>(out var text))
        {
            return options.PositiveLabel is { } positive
                ? string.Equals(text, positive, StringComparison.OrdinalIgnoreCase) ? "1" : "0"
                : text;
        }

        throw new UnusableResponseException($"no number or label at '{options.ScorePath}'");
    }
}
