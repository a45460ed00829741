using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assay.Testing;

/// <summary>
/// What a simulated endpoint run as its own process answers, written as data (a JSON file) because a test's lambda
/// cannot cross a process boundary: ordered <see cref="Rules"/> on the request (first match wins), else
/// <see cref="Otherwise"/>; or LOGICOM's roles (<see cref="Debate"/>), or a side of MT-Bench (<see cref="MtBench"/>). Served by <see cref="SimulatedOpenAIServer"/>.
/// </summary>
public sealed record SimulatedBehaviour
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public IReadOnlyList<SimulatedRule> Rules { get; init; } = [];

    /// <summary>The answer when no rule matches (a 500, so an unforeseen request shows as an error).</summary>
    public SimulatedRule Otherwise { get; init; } = new() { Status = 500 };

    /// <summary>When set, the endpoint plays LOGICOM's roles (<see cref="DebateSimulation"/>) and the rules are not read.</summary>
    public DebateScript? Debate { get; init; }

    /// <summary>When "model" or "judge", the endpoint plays that side of <see cref="MtBenchSimulation"/>; the rules are not read.</summary>
    public string? MtBench { get; init; }

    /// <summary>Every answer takes this long more (a model's latency L).</summary>
    public int LatencyMs { get; init; }

    /// <summary>Requests served at once (a deployment's capacity C); the rest wait their turn. 0: no cap.</summary>
    public int MaxConcurrency { get; init; }

    /// <summary>Every request answered with one text.</summary>
    public static SimulatedBehaviour Always(string reply) => new() { Otherwise = new() { Reply = reply } };

    /// <summary>Every request answered with HTTP 500 (OpenAI's server_error body).</summary>
    public static SimulatedBehaviour ServerError() => new();

    public Func<SimulatedChatRequest, SimulatedReply> Handler()
    {
        var answer = Answers();
        var latency = TimeSpan.FromMilliseconds(LatencyMs);
        if (latency <= TimeSpan.Zero)
        {
            return answer;
        }

        return request =>
        {
            var reply = answer(request);
            return reply with { Delay = reply.Delay + latency };
        };
    }

    private Func<SimulatedChatRequest, SimulatedReply> Answers()
    {
        if (Debate is { } debate)
        {
            return debate.Simulation().Handle;
        }

        if (MtBench is { } side)
        {
            var simulation = new MtBenchSimulation();
            return side switch
            {
                "model" => simulation.Model,
                "judge" => simulation.Judge,
                _ => throw new InvalidOperationException($"MtBench is \"model\" or \"judge\", not \"{side}\""),
            };
        }

        return request => (Rules.FirstOrDefault(r => r.Matches(request)) ?? Otherwise).Answer();
    }
}

/// <summary>
/// One rule: every condition set must hold, on the request's model, its first (system) message and its last message.
/// Text comparisons are ordinal, or ordinal ignoring case with <see cref="IgnoreCase"/>.
/// </summary>
public sealed record SimulatedRule
{
    public string? Model { get; init; }

    public string? SystemContains { get; init; }

    public string? LastEquals { get; init; }

    public string? LastStartsWith { get; init; }

    public string? LastEndsWith { get; init; }

    /// <summary>The last message contains every one of these.</summary>
    public IReadOnlyList<string>? LastContainsAll { get; init; }

    /// <summary>The last message contains at least one of these.</summary>
    public IReadOnlyList<string>? LastContainsAny { get; init; }

    public bool IgnoreCase { get; init; }

    /// <summary>The completion text (with <see cref="Status"/> 200).</summary>
    public string? Reply { get; init; }

    /// <summary>When set, the first token's top alternatives (the reply is the most likely one; <see cref="Reply"/> is not read).</summary>
    public IReadOnlyList<SimulatedLogProb>? TopLogProbs { get; init; }

    /// <summary>200 with <see cref="Reply"/>; 500 with OpenAI's server_error body.</summary>
    public int Status { get; init; } = 200;

    public bool Matches(SimulatedChatRequest request)
    {
        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var system = request.Messages.Count > 0 ? request.Messages[0].Content : string.Empty;
        var last = request.Messages.Count > 0 ? request.Messages[^1].Content : string.Empty;
        return (Model is null || request.Model == Model)
            && (SystemContains is null || system.Contains(SystemContains, comparison))
            && (LastEquals is null || string.Equals(last, LastEquals, comparison))
            && (LastStartsWith is null || last.StartsWith(LastStartsWith, comparison))
            && (LastEndsWith is null || last.EndsWith(LastEndsWith, comparison))
            && (LastContainsAll is null || LastContainsAll.All(t => last.Contains(t, comparison)))
            && (LastContainsAny is null || LastContainsAny.Any(t => last.Contains(t, comparison)));
    }

    public SimulatedReply Answer() => Status switch
    {
        200 when TopLogProbs is { } top => SimulatedReply.WithLogProbs([.. top.Select(t => (t.Token, t.LogProb))]),
        200 => SimulatedReply.Text(Reply ?? string.Empty),
        500 => SimulatedReply.ServerError(),
        _ => throw new InvalidOperationException($"a simulated rule answers 200 or 500, not {Status}"),
    };
}

/// <summary><see cref="DebateSimulation"/> as data: the claims, the debater's moves by "claim/mode/round", the broken helpers.</summary>
public sealed record DebateScript(IReadOnlyList<string> Claims)
{
    /// <summary>Keys "CLAIM/MODE/ROUND" (MODE empty in round 1); any other turn is <see cref="DebaterMove.NotConvinced"/>.</summary>
    public IReadOnlyDictionary<string, DebaterMove> Moves { get; init; } = new Dictionary<string, DebaterMove>();

    public IReadOnlyList<int> BrokenHelperJson { get; init; } = [];

    public static string Key(int claim, string mode, int round) => FormattableString.Invariant($"{claim}/{mode}/{round}");

    public DebateSimulation Simulation() => new(Claims)
    {
        Script = (claim, mode, round) => Moves.TryGetValue(Key(claim, mode, round), out var move) ? move : DebaterMove.NotConvinced,
        BrokenHelperJson = BrokenHelperJson.ToHashSet(),
    };
}

/// <summary>One alternative of a token and its log-probability, as OpenAI's <c>top_logprobs</c> carry it.</summary>
public sealed record SimulatedLogProb(string Token, double LogProb);
