using System.Text.RegularExpressions;

namespace Assay.Testing;

/// <summary>
/// LOGICOM's four roles on one simulated OpenAI server, told apart by model name and prompt, and scripted by request
/// content: which claim (the claim text in the system prompt), which round (the debater's user turns) and which mode
/// (the helper's tag in the persuader's message). <see cref="Convinces"/> decides when the debater gives in.
/// </summary>
public sealed partial class DebateSimulation(IReadOnlyList<string> claims)
{
    public const string PersuaderModel = "sim-persuader";
    public const string DebaterModel = "sim-debater";
    public const string ModeratorModel = "sim-moderator";

    /// <summary>(claim index, mode or "" in round 1, round) → the debater's reply kind.</summary>
    public Func<int, string, int, DebaterMove> Script { get; init; } = (_, _, _) => DebaterMove.NotConvinced;

    /// <summary>Claims whose helper first answers in LOGICOM's own broken JSON (missing comma), so it must be repaired.</summary>
    public ISet<int> BrokenHelperJson { get; init; } = new HashSet<int>();

    public TimeSpan DebaterLatency { get; init; }

    public SimulatedReply Handle(SimulatedChatRequest request)
    {
        var system = request.Messages[0].Content;
        var last = request.Messages[^1].Content;
        return request.Model switch
        {
            DebaterModel => new SimulatedReply(Debater(request), Delay: DebaterLatency),
            ModeratorModel when system.Contains("Check if the assistant is sending correct signal", StringComparison.Ordinal) =>
                SimulatedReply.Text(last.Contains("I am convinced.", StringComparison.Ordinal) ? "TRUE" : last.Contains("UNSURE", StringComparison.Ordinal) ? "Maybe, hard to say." : "FALSE"),
            ModeratorModel => SimulatedReply.Text(LastMessage(last).Contains("Goodbye", StringComparison.Ordinal) ? "<TERMINATE>" : "<KEEP-TALKING>"),
            PersuaderModel when system.Contains("create flawed reasoning", StringComparison.Ordinal) => Helper(request, "fallacious", "fallacy", "fallacious argument"),
            PersuaderModel when system.Contains("persuasive and fair arguments", StringComparison.Ordinal) => Helper(request, "logical", "tip", "helping_argument"),
            PersuaderModel => SimulatedReply.Text($"Draft after {request.Messages.Count(m => m.Role == "user")} replies. So, are you convinced?"),
            _ => SimulatedReply.ServerError(),
        };
    }

    /// <summary>The claim index a request is about (its system prompt names the claim).</summary>
    public int ClaimOf(SimulatedChatRequest request) =>
        Enumerable.Range(0, claims.Count).Single(i => request.Messages[0].Content.Contains($"'{claims[i]}'", StringComparison.Ordinal)
            || request.Messages[0].Content.Contains($"\"{claims[i]}\"", StringComparison.Ordinal));

    /// <summary>For a debater request: (claim, mode tag or "", round).</summary>
    public (int Claim, string Mode, int Round) DebaterTurn(SimulatedChatRequest request)
    {
        var persuader = request.Messages[^1].Content;
        var mode = ModeTag().Match(persuader) is { Success: true } m ? m.Groups[1].Value : string.Empty;
        return (ClaimOf(request), mode, request.Messages.Count(x => x.Role == "user"));
    }

    private string Debater(SimulatedChatRequest request)
    {
        var (claim, mode, round) = DebaterTurn(request);
        var move = Script(claim, mode, round) switch
        {
            DebaterMove.Convinced => "I am convinced.",
            DebaterMove.Unsure => "UNSURE what to think.",
            DebaterMove.Goodbye => "Goodbye, have a great day!",
            _ => "I am not convinced.",
        };
        return $"Debater on claim {claim}, round {round}: {move}";
    }

    private SimulatedReply Helper(SimulatedChatRequest request, string mode, string labelKey, string argumentKey)
    {
        var claim = ClaimOf(request);
        var repair = request.Messages[^1].Content.StartsWith("You have generated this before.", StringComparison.Ordinal);
        var response = $"[{mode}] You must agree.";
        return SimulatedReply.Text(BrokenHelperJson.Contains(claim) && !repair
            ? $"{{\"{labelKey}\": \"Appeal to emotion\",\n\"{argumentKey}\": \"think of the children\"\n\"response\": \"{response}\"}}"
            : $"{{\"{labelKey}\": \"Appeal to emotion\", \"{argumentKey}\": \"think of the children\", \"response\": \"{response}\"}}");
    }

    // The terminator's history ends with the debater's latest message: ('user', '...').
    private static string LastMessage(string history)
    {
        var index = history.LastIndexOf("(('user', ", StringComparison.Ordinal);
        return index < 0 ? string.Empty : history[index..];
    }

    [GeneratedRegex(@"^\[(logical|fallacious)\]")]
    private static partial Regex ModeTag();
}

public enum DebaterMove
{
    NotConvinced,
    Convinced,
    Unsure,
    Goodbye,
}
