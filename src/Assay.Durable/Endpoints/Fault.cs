using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Assay.Durable.Endpoints;

/// <summary>What went wrong with one attempt, and whether and how to retry it.</summary>
internal sealed record Fault(string Cause, bool Retryable, TimeSpan? RetryAfter = null)
{
    /// <summary>A 429: the endpoint refused the request without processing it (its tokens were not used).</summary>
    public bool RateLimited { get; init; }

    /// <summary>
    /// 429 → retry after what the endpoint said; 408, 5xx, no response, our timeout → backoff; a 200 whose body the
    /// client could not read → retry (another sample may be whole); any other 4xx → fail now, repeating cannot help.
    /// </summary>
    public static Fault Classify(Exception exception, TimeSpan timeout) => exception switch
    {
        ClientResultException { Status: 0 } e => new Fault($"connection failed: {OneLine(e.Message)}", true),
        ClientResultException e => FromStatus(e.Status, RetryAfterOf(e.GetRawResponse()), SdkMessage(e.Status, e.Message)),
        EndpointHttpException { Status: 0 } e => new Fault($"connection failed: {e.Message}", true),
        EndpointHttpException e => FromStatus(e.Status, e.RetryAfter, e.Message),
        HttpRequestException e => new Fault($"connection failed: {OneLine(e.Message)}", true),
        TimeoutException => new Fault($"timed out after {timeout.TotalSeconds:0.###} s", true),
        UnusableResponseException e => new Fault($"unusable response body: {e.Message}", true),
        JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException or NullReferenceException =>
            new Fault($"unusable response body: {exception.GetType().Name}: {OneLine(exception.Message)}", true),
        _ => new Fault($"{exception.GetType().Name}: {OneLine(exception.Message)}", false),
    };

    private static Fault FromStatus(int status, TimeSpan? retryAfter, string message)
    {
        var detail = string.IsNullOrWhiteSpace(message) ? string.Empty : ": " + message;
        return status switch
        {
            429 => new Fault($"HTTP 429 (rate limited){detail}", true, retryAfter) { RateLimited = true },
            408 or >= 500 => new Fault($"HTTP {status}{detail}", true, retryAfter),
            _ => new Fault($"HTTP {status}{detail}", false),
        };
    }

    /// <summary>
    /// The OpenAI SDK's message without what <see cref="FromStatus"/> already says or what is empty: it starts with
    /// <c>HTTP 500 (type: code)</c>, which with an untyped error body reads <c>HTTP 500 (: )</c>.
    /// </summary>
    internal static string SdkMessage(int status, string message)
    {
        var text = OneLine(message);
        text = Regex.Replace(text, $@"^HTTP {status}\b\s*", string.Empty);
        text = Regex.Replace(text, @"\(\s*:?\s*\)", string.Empty);
        text = Regex.Replace(text, @"\(\s*([^():]+?)\s*:\s*\)", "($1)");
        text = Regex.Replace(text, @"\(\s*:\s*([^()]+?)\s*\)", "($1)");
        return Regex.Replace(text, @"\s{2,}", " ").Trim().TrimStart(':').Trim();
    }

    /// <summary><c>retry-after-ms</c> (OpenAI, Azure), else <c>Retry-After</c> in seconds or as an HTTP date.</summary>
    public static TimeSpan? ParseRetryAfter(Func<string, string?> header)
    {
        if (header("retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (header("Retry-After") is not { } value)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? TimeSpan.FromTicks(Math.Max(0, (date - DateTimeOffset.UtcNow).Ticks))
            : null;
    }

    private static TimeSpan? RetryAfterOf(PipelineResponse? response) =>
        response is null ? null : ParseRetryAfter(name => response.Headers.TryGetValue(name, out var value) ? value : null);

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
