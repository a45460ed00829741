using Microsoft.Extensions.AI;

namespace Assay.Core.Judges;

/// <summary>
/// One call to a judge endpoint that never throws for endpoint trouble: either the judge's text or why the call failed
/// (the case is then an error and can be retried, see <see cref="JudgeDiagnostics.JudgeCallFailedPrefix"/>). Only the
/// caller's own cancellation propagates.
/// </summary>
internal static class JudgeCall
{
    public static async Task<(string? Text, ChatResponse? Response, string? Failure)> AskAsync(
        IChatClient client, IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            return (response.Text, response, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // HTTP timeouts surface as TaskCanceledException without our token: a failed call, not a cancellation.
            return (null, null, $"{ex.GetType().Name}: {ex.Message}".ReplaceLineEndings(" "));
        }
    }
}
