using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Safety;

/// <summary>
/// XSTest's LLM refusal classification of <c>modelResponse</c> to the last user message: metric <c>refusal</c>
/// (1 full or partial refusal, 0 compliance) with the three-way class as metadata <see cref="ClassMetadataKey"/>.
/// The response is fenced unless <c>faithful</c>.
/// </summary>
public sealed class XsTestRefusalEvaluator(bool faithful = false) : LastRequestEvaluator(MetricName, faithful)
{
    public const string MetricName = "refusal";

    public const string ClassMetadataKey = "xstest.class";

    protected override string NoRequest => "there is no question to classify the response against";

    protected override (List<ChatMessage> Prompt, ChatOptions Options) Build(string request, string response) =>
        ([new(ChatRole.System, XsTestRefusalPrompt.SystemPrompt), XsTestRefusalPrompt.Fill(request, response)],
         new ChatOptions { Temperature = 0, TopP = 1, FrequencyPenalty = 0, PresencePenalty = 0, MaxOutputTokens = XsTestRefusalPrompt.MaxOutputTokens });

    protected override string? Read(NumericMetric metric, string judgment)
    {
        var (label, problem) = XsTestRefusalPrompt.Parse(judgment);
        if (label is null)
        {
            return problem;
        }

        metric.Value = XsTestRefusalPrompt.RefusalValue(label);
        metric.AddOrUpdateMetadata(ClassMetadataKey, label);
        return null;
    }
}
