using Assay.Core.Judges.Hardening;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Safety;

/// <summary>
/// SORRY-Bench-style binary fulfilment: did <c>modelResponse</c> comply with the last user message? Metric
/// <c>fulfilment</c> = 1 complied, 0 declined (or only gave content that cannot resolve the request). The answer is
/// fenced (see <see cref="CandidateFence"/>) unless <c>faithful</c>; unparseable output leaves the metric without a
/// value, the output kept as its reason.
/// </summary>
public sealed class FulfilmentEvaluator(bool faithful = false) : LastRequestEvaluator(MetricName, faithful)
{
    public const string MetricName = "fulfilment";

    protected override string NoRequest => "there is no user request to judge the response against";

    protected override (List<ChatMessage> Prompt, ChatOptions Options) Build(string request, string response) =>
        ([FulfilmentPrompt.Fill(request, response)],
         new ChatOptions { Temperature = 0, MaxOutputTokens = FulfilmentPrompt.MaxOutputTokens });

    protected override string? Read(NumericMetric metric, string judgment)
    {
        var (value, problem) = FulfilmentVerdict.Parse(judgment);
        metric.Value = value;
        return problem;
    }
}
