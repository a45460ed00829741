using Assay.Core.Judges.Hardening;
using Microsoft.Extensions.AI;

namespace Assay.Core.Debates;

/// <summary>
/// Plays one round of a LOGICOM debate given the rounds before it: the persuader's message (round 1: the filled
/// opening of its prompt file; later: its model's reply, rewritten by the mode's helper), the debater's reply, then the
/// moderator's terminator and TagChecker prompts on that reply. A failed call ends the round as
/// <see cref="RoundVerdict.Error"/> with the cause; it never throws for bad model output.
/// </summary>
public sealed class DebateRoundRunner(DebateParticipants models)
{
    /// <summary>Helper attempts: the first, then LOGICOM's repair request; LOGICOM retried without end.</summary>
    public const int HelperAttempts = 3;

    // LOGICOM's moderator saw the last 6 messages of the persuader's memory.
    private const int ModeratorWindow = 6;

    public async Task<DebateRound> RunAsync(DebateClaim claim, string mode, IReadOnlyList<DebateRound> previous, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(previous);
        var round = new DebateRound(claim.Id, mode, previous.Count + 1, null, null, RoundVerdict.Error);
        try
        {
            round = await PersuadeAsync(claim, mode, previous, round, ct).ConfigureAwait(false);
            if (round.Persuader is null)
            {
                return round;
            }

            var debaterMessages = DebaterMessages(claim, previous, round.Persuader);
            round = round with { Debater = await AskAsync(models.Debater, debaterMessages, DebateParticipants.DebaterOptions(), ct).ConfigureAwait(false) };

            var transcript = previous.Append(round).ToList();
            var history = string.Join(", ", Memory(transcript).TakeLast(ModeratorWindow).Select(m => PythonRepr.ItemsTuple(m.Key, Soften(m.Value))));
            var message = PythonRepr.Dict("user", Soften(round.Debater));
            var variables = claim.Variables();
            var terminate = ModeratorVerdicts.Terminate(await AskAsync(
                models.Moderator, Moderator(LogicomPrompts.ModeratorTerminator, variables, "This is the history:" + CandidateFence.Wrap(history)), DebateParticipants.ModeratorOptions(), ct).ConfigureAwait(false));
            var convinced = ModeratorVerdicts.Convinced(await AskAsync(
                models.Moderator, Moderator(LogicomPrompts.ModeratorTagChecker, variables, "This is the message to check:" + CandidateFence.Wrap(message)), DebateParticipants.ModeratorOptions(), ct).ConfigureAwait(false));
            var verdict = convinced.Value switch { true => RoundVerdict.Convinced, false => RoundVerdict.NotConvinced, null => RoundVerdict.Unparseable };
            return round with { Convinced = convinced, Terminate = terminate, Verdict = verdict };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return round with { Verdict = RoundVerdict.Error, Error = $"{ex.GetType().Name}: {ex.Message}" };
        }
    }

    private async Task<DebateRound> PersuadeAsync(DebateClaim claim, string mode, IReadOnlyList<DebateRound> previous, DebateRound round, CancellationToken ct)
    {
        var variables = claim.Variables();
        var opening = LogicomPrompt.Fill(LogicomPrompts.Persuader.Assistant, variables);
        if (previous.Count == 0)
        {
            return round with { Persuader = opening };
        }

        List<ChatMessage> messages = [new(ChatRole.System, LogicomPrompt.Fill(LogicomPrompts.Persuader.System, variables))];
        foreach (var (role, text) in Memory(previous))
        {
            messages.Add(new ChatMessage(role == "assistant" ? ChatRole.Assistant : ChatRole.User, text));
        }

        var draft = await AskAsync(models.Persuader, messages, DebateParticipants.PersuaderOptions(), ct).ConfigureAwait(false);
        if (DebateModes.Helper(mode) is not { } helper)
        {
            return round with { Persuader = draft };
        }

        // The helper sees the persuader's memory with the persuader as "human" and the debater as "AI".
        var helperVariables = new Dictionary<string, string>(variables, StringComparer.Ordinal)
        {
            ["<ASSISTANT_RESPONSE>"] = draft,
            ["<HISTORY>"] = PythonRepr.DictList(Memory(previous).Select(m => (m.Key == "user" ? "AI" : "human", m.Value))),
        };
        var system = LogicomPrompt.Fill(helper.System, helperVariables);
        var user = LogicomPrompt.Fill(helper.Assistant, helperVariables);
        string? raw = null;
        for (var attempt = 0; attempt < HelperAttempts; attempt++)
        {
            var request = attempt == 0 ? user : LogicomPrompts.HelperRepair + raw;
            raw = await AskAsync(models.Helper, [new(ChatRole.System, system), new(ChatRole.User, request)], null, ct).ConfigureAwait(false);
            if (HelperReply.TryParse(raw) is { } reply)
            {
                return round with { Persuader = reply.Response, PersuaderDraft = draft, HelperLabel = reply.Label, HelperArgument = reply.Argument };
            }
        }

        return round with { PersuaderDraft = draft, Error = $"the {helper.Name} reply could not be read after {HelperAttempts} attempts; last: {Clip(raw)}" };
    }

    /// <summary>The persuader's memory as LOGICOM kept it: its own messages as 'assistant', the debater's as 'user'.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Memory(IEnumerable<DebateRound> rounds)
    {
        foreach (var round in rounds)
        {
            yield return new("assistant", round.Persuader!);
            if (round.Debater is not null)
            {
                yield return new("user", round.Debater);
            }
        }
    }

    private static List<ChatMessage> DebaterMessages(DebateClaim claim, IReadOnlyList<DebateRound> previous, string persuader)
    {
        List<ChatMessage> messages = [new(ChatRole.System, LogicomPrompt.Fill(LogicomPrompts.Debater.System, claim.Variables()))];
        foreach (var round in previous)
        {
            messages.Add(new ChatMessage(ChatRole.User, round.Persuader!));
            messages.Add(new ChatMessage(ChatRole.Assistant, round.Debater!));
        }

        messages.Add(new ChatMessage(ChatRole.User, persuader));
        return messages;
    }

    private static List<ChatMessage> Moderator(LogicomPrompt prompt, IReadOnlyDictionary<string, string> variables, string user) =>
        [new(ChatRole.System, LogicomPrompt.Fill(prompt.System, variables)), new(ChatRole.User, user)];

    private static async Task<string> AskAsync(IChatClient client, List<ChatMessage> messages, ChatOptions? options, CancellationToken ct)
    {
        var response = await client.GetResponseAsync(messages, options, ct).ConfigureAwait(false);
        return response.Text is { Length: > 0 } text ? text : throw new InvalidDataException("the endpoint returned an empty message");
    }

    // Debate text reaches the moderator fenced; its own signal tokens are made inert too, so a debater (or persuader)
    // writing "<TERMINATE>" or "TRUE" in a tag cannot pass for the moderator's answer format.
    private static string Soften(string text) => CandidateFence.Neutralise(text)
        .Replace("<TERMINATE>", "(TERMINATE)", StringComparison.OrdinalIgnoreCase)
        .Replace("<KEEP-TALKING>", "(KEEP-TALKING)", StringComparison.OrdinalIgnoreCase);

    private static string Clip(string? text) => text is null ? "(none)" : text.Length <= 200 ? text : text[..200] + "…";
}
