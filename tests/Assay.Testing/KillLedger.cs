using System.Collections.Concurrent;

namespace Assay.Testing;

/// <summary>One SIGKILL that hit a running CLI (its exit code was the kill's), and what was in flight then.</summary>
/// <param name="Open">Requests open at the endpoints: arrived, not yet answered, when the kill landed.</param>
/// <param name="AnsweredNotStored">Requests the endpoints had answered whose answer was not in the response cache after the kill.</param>
/// <param name="InFlight">The requests in flight, with how long before the kill each was answered (null: open).</param>
public sealed record LandedKill(string RunId, long KilledAt, bool InAggregation, int Open, int AnsweredNotStored, IReadOnlyList<(string Request, double? AnsweredMsBefore)> InFlight)
{
    /// <summary>Requests sent again later that were in flight at this kill (assigned by <see cref="KillLedger.Attribute"/>).</summary>
    public int Duplicates { get; set; }

    /// <summary>Of <see cref="Duplicates"/>, those answered before the kill (received, not yet stored), and the oldest such answer.</summary>
    public int DuplicatesAnswered { get; set; }

    public double OldestDuplicateAnswerMs { get; set; }

    /// <summary>Of <see cref="DuplicatesAnswered"/>, those answered more than 500 ms before the kill (the window this ledger used to assume).</summary>
    public int DuplicatesAnsweredOver500Ms { get; set; }

    public int InFlightCount => Open + AnsweredNotStored;
}

/// <summary>
/// Which request was in flight at which kill: a request is in flight from its arrival at the endpoint until its answer
/// is stored by the CLI. The endpoint sees the arrival and the answer; whether the answer was stored is read from the
/// response cache after the kill (each answer is told apart by its text, see <see cref="Arrived"/>). A fixed window
/// ("answered in the last 500 ms") stood for "not yet stored" before; under load a store took up to 7.6 s after the
/// answer (two traced soaks: median 0.19-0.31 s, 90th percentile about 1 s), and the repeats of those answers were
/// reported as duplicates in flight at no kill. An upload the CLI sent just before it died may land after the read:
/// its answers then count as in flight, so the bound is looser by at most the uploads in progress at the kill, never
/// tighter.
/// </summary>
public sealed class KillLedger(Func<SimulatedChatRequest, string> key)
{
    private const long Aborted = -1;
    private readonly ConcurrentDictionary<SimulatedChatRequest, long> answered = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<SimulatedChatRequest, string> replies = new(ReferenceEqualityComparer.Instance);

    /// <param name="reply">The text the endpoint answers with: unique to the request (the same request, the same text), so the cache's copy of it tells that this answer was stored.</param>
    public void Arrived(SimulatedChatRequest request, string reply)
    {
        replies[request] = reply;
        answered[request] = 0;
    }

    public void Answer(SimulatedChatRequest request) => answered[request] = DateTime.UtcNow.Ticks;

    /// <summary>
    /// After the killed CLI has exited: among its requests, those open at <paramref name="killedAt"/> and those answered
    /// whose answer is not among <paramref name="stored"/> (the answer texts in the response cache after the kill).
    /// </summary>
    public LandedKill Landed(string runId, bool inAggregation, DateTime cliStarted, long killedAt, IReadOnlySet<string> stored)
    {
        var mine = answered.Where(a => a.Key.ReceivedAt.UtcDateTime >= cliStarted).ToList();
        var open = mine.Where(a => a.Value == 0 || a.Value > killedAt).ToList();
        var unstored = mine.Where(a => a.Value > 0 && a.Value <= killedAt && !stored.Contains(replies[a.Key])).ToList();
        return new LandedKill(runId, killedAt, inAggregation, open.Count, unstored.Count,
            [.. open.Select(a => (key(a.Key), (double?)null)), .. unstored.Select(a => (key(a.Key), (double?)TimeSpan.FromTicks(killedAt - a.Value).TotalMilliseconds))]);
    }

    /// <summary>When a CLI has ended: its open requests were aborted with it and are in flight at no later kill.</summary>
    public void CloseOpen()
    {
        foreach (var (request, at) in answered)
        {
            if (at == 0)
            {
                answered[request] = Aborted;
            }
        }
    }

    /// <summary>For a duplicate no kill accounts for: each arrival and answer of the request, relative to the kill before it.</summary>
    public string Explain(IEnumerable<SimulatedChatRequest> arrivals, IReadOnlyList<LandedKill> kills) => string.Join("; ", arrivals.Select(r =>
    {
        var at = r.ReceivedAt.UtcTicks;
        var kill = kills.Where(k => k.KilledAt <= at).Select(k => (LandedKill?)k).LastOrDefault();
        var answer = answered.TryGetValue(r, out var t) ? t : 0;
        var since = kill is null ? "no kill before" : $"{TimeSpan.FromTicks(at - kill.KilledAt).TotalMilliseconds:0} ms after the kill of {kill.RunId}";
        var reply = answer switch { 0 => "unanswered", Aborted => "aborted", _ => kill is null ? "answered" : $"answered {TimeSpan.FromTicks(answer - kill.KilledAt).TotalMilliseconds:0} ms after that kill" };
        return $"{r.Model} seed {r.Seed}: arrived {since}, {reply}";
    })) + " :: " + Describe(arrivals.First());

    // Which request it was: its message count and the start and end of its last message (enough to tell a canary's
    // judge call from a target's, and one case from another).
    private static string Describe(SimulatedChatRequest request)
    {
        var last = request.Messages.Count == 0 ? string.Empty : request.Messages[^1].Content.ReplaceLineEndings(" ");
        var text = last.Length <= 240 ? last : $"{last[..120]} … {last[^120..]}";
        return $"{request.Messages.Count} messages, last: {text}";
    }

    /// <summary>
    /// Gives each duplicate (a request's second and later arrivals) to a kill at which that request was in flight,
    /// in order; returns the duplicates no kill accounts for (the bound broken).
    /// </summary>
    public static List<string> Attribute(IEnumerable<string> requests, IReadOnlyList<LandedKill> kills)
    {
        var credit = new Dictionary<string, Queue<(LandedKill Kill, double? Age)>>(StringComparer.Ordinal);
        foreach (var kill in kills)
        {
            foreach (var (request, age) in kill.InFlight)
            {
                if (!credit.TryGetValue(request, out var queue))
                {
                    credit[request] = queue = new Queue<(LandedKill, double?)>();
                }

                queue.Enqueue((kill, age));
            }
        }

        var unexplained = new List<string>();
        foreach (var group in requests.GroupBy(r => r, StringComparer.Ordinal))
        {
            foreach (var _ in group.Skip(1))
            {
                if (credit.TryGetValue(group.Key, out var queue) && queue.TryDequeue(out var at))
                {
                    at.Kill.Duplicates++;
                    if (at.Age is { } age)
                    {
                        at.Kill.DuplicatesAnswered++;
                        at.Kill.DuplicatesAnsweredOver500Ms += age > 500 ? 1 : 0;
                        at.Kill.OldestDuplicateAnswerMs = Math.Max(at.Kill.OldestDuplicateAnswerMs, age);
                    }
                }
                else
                {
                    unexplained.Add(group.Key);
                }
            }
        }

        return unexplained;
    }
}
