using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges;

/// <summary>
/// MT-Bench single-answer grading of one turn, as FastChat's <c>run_judge_single</c>: the prompt chosen by
/// <see cref="MtBenchPrompts.SelectSingle"/>, filled with Python <c>str.format</c> semantics, sent with temperature 0
/// and 2048 output tokens, the verdict parsed by <see cref="MtBenchVerdict"/>. The conversation is read from the
/// <see cref="MtBenchContext"/> (required); <c>messages</c> and <c>modelResponse</c> are not used, as the turn-2
/// prompt needs both turns of the question and of the answer.
/// </summary>
public sealed class MtBenchSingleEvaluator : IEvaluator
{
    public const string ScoreMetricName = "score";

    /// <summary>Metadata key holding the name of the judge prompt used.</summary>
    public const string PromptMetadataKey = "mt-bench.prompt";

    // FastChat's values for OpenAI judges (chat_completion_openai(model, conv, temperature=0, max_tokens=2048)).
    public const float Temperature = 0f;

    public const int MaxOutputTokens = 2048;

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [ScoreMetricName];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        var metric = new NumericMetric(ScoreMetricName);
        var result = new EvaluationResult(metric);
        if (additionalContext?.OfType<MtBenchContext>().FirstOrDefault() is not { } context)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error($"{nameof(MtBenchContext)} is required."));
            return result;
        }

        var request = MtBenchRequest.Create(context);
        if (request.Problem is { } problem)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error(problem));
            return result;
        }

        metric.AddOrUpdateMetadata(PromptMetadataKey, request.Prompt!.Name);
        if (request.Warning is { } warning)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Warning(warning));
        }

        if (chatConfiguration is null)
        {
            JudgeDiagnostics.MarkJudgeCallFailed(metric, "no judge model is configured");
            return result;
        }

        List<ChatMessage> judgeMessages =
        [
            new(ChatRole.System, request.Prompt.SystemPrompt),
            request.UserMessage!,
        ];
        var options = new ChatOptions { Temperature = Temperature, MaxOutputTokens = MaxOutputTokens };
        var stopwatch = Stopwatch.StartNew();
        ChatResponse judgeResponse;
        try
        {
            judgeResponse = await chatConfiguration.ChatClient
                .GetResponseAsync(judgeMessages, options, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Includes HTTP timeouts (TaskCanceledException without our token): the case is retried as an error.
            JudgeDiagnostics.MarkJudgeCallFailed(metric, exception.Message);
            return result;
        }

        metric.AddOrUpdateChatMetadata(judgeResponse, stopwatch.Elapsed);
        var judgment = judgeResponse.Text;
        // Only the judge's own words count: a quoted (fenced) answer cannot supply the rating.
        var verdict = MtBenchVerdict.Parse(Hardening.CandidateFence.StripEchoes(judgment));
        metric.Value = verdict.Rating;
        metric.Reason = judgment;
        if (verdict.Problem is { } unscored)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error($"{unscored}; judge output: {judgment}"));
        }

        return result;
    }
}
