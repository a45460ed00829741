using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// How a judge asks for, and reads, the log-probabilities of the tokens an endpoint generated, without Assay.Core
/// knowing any wire client. The judge puts <see cref="RequestKey"/> (how many alternatives per token) in
/// <see cref="ChatOptions.AdditionalProperties"/>; the endpoint layer (Assay.Durable's OpenAIWireChatClient) turns
/// it into the wire request (<c>logprobs: true, top_logprobs: n</c>) and puts the answer in the response's
/// <see cref="ChatResponse.AdditionalProperties"/> under <see cref="ResponseKey"/> as JSON text (so the response cache
/// keeps it): one array per generated token of <c>{"token", "logprob"}</c> alternatives, most likely first.
/// </summary>
public static class TokenLogProbabilities
{
    public const string RequestKey = "assay.top_logprobs";

    public const string ResponseKey = "assay.token_logprobs";

    public static ChatOptions Request(ChatOptions options, int top)
    {
        ArgumentNullException.ThrowIfNull(options);
        (options.AdditionalProperties ??= [])[RequestKey] = top;
        return options;
    }

    /// <summary>The number of alternatives asked for, or null when the call asks for none.</summary>
    public static int? Requested(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(RequestKey, out var value) == true && value is int top && top > 0 ? top : null;

    /// <summary>Per generated token, its top alternatives; null when the response carries none.</summary>
    public static IReadOnlyList<IReadOnlyList<(string Token, double LogProb)>>? Read(ChatResponse? response)
    {
        if (response?.AdditionalProperties?.TryGetValue(ResponseKey, out var value) != true || value is not string json)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(token => (IReadOnlyList<(string, double)>)token.EnumerateArray()
                .Select(t => (t.GetProperty("token").GetString() ?? string.Empty, t.GetProperty("logprob").GetDouble()))
                .ToList())
            .ToList();
    }

    /// <summary>The JSON text an endpoint layer stores under <see cref="ResponseKey"/>.</summary>
    public static string Write(IEnumerable<IEnumerable<(string Token, double LogProb)>> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return JsonSerializer.Serialize(tokens.Select(t => t.Select(a => new Dictionary<string, object> { ["token"] = a.Token, ["logprob"] = a.LogProb })));
    }

    /// <summary>
    /// AlpacaEval's <c>logprob_parser</c> (is_binarize false) on one token's alternatives: the probability of
    /// <paramref name="numerator"/> among <paramref name="denominator"/>, a token missing from the alternatives counting
    /// as probability 0; null (AlpacaEval's NaN) when none of them is among the alternatives.
    /// </summary>
    public static double? Share(IReadOnlyList<(string Token, double LogProb)> alternatives, string numerator, IReadOnlyList<string> denominator)
    {
        ArgumentNullException.ThrowIfNull(alternatives);
        ArgumentNullException.ThrowIfNull(denominator);
        var known = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (token, logProb) in alternatives)
        {
            if ((token == numerator || denominator.Contains(token)) && !known.ContainsKey(token))
            {
                known[token] = logProb;
            }
        }

        if (known.Count == 0)
        {
            return null;
        }

        var top = denominator.Select(t => known.GetValueOrDefault(t, double.NegativeInfinity)).Max();
        if (double.IsNegativeInfinity(top))
        {
            return 0;
        }

        // log-sum-exp, shifted by the largest term.
        var logDenominator = top + Math.Log(denominator.Sum(t => Math.Exp(known.GetValueOrDefault(t, double.NegativeInfinity) - top)));
        return Math.Exp(known.GetValueOrDefault(numerator, double.NegativeInfinity) - logDenominator);
    }
}
