using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// The soak's per-request attribution: a repeated request must have been in flight at a kill, open at the endpoint or
/// answered and not stored, whatever the age of the answer; a stored answer asked again is a cache miss, however young.
/// </summary>
public sealed class KillLedgerTests
{
    private static readonly DateTime Start = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_answer_not_yet_stored_is_in_flight_at_the_kill_however_long_ago_it_came()
    {
        var ledger = new KillLedger(r => r.Messages[^1].Content);
        var slow = Arrive(ledger, "slow store", "answer 1", at: 0);
        ledger.Answer(slow); // answered "now"; the kill below is 3 s later (a store took up to 3.4 s in a soak)
        var killedAt = DateTime.UtcNow.AddSeconds(3).Ticks;

        var kill = ledger.Landed("run", inAggregation: false, Start, killedAt, new HashSet<string>());

        Assert.Equal((0, 1), (kill.Open, kill.AnsweredNotStored));
        Assert.Empty(KillLedger.Attribute(["slow store", "slow store"], [kill]));
        Assert.Equal((1, 1, 1), (kill.Duplicates, kill.DuplicatesAnswered, kill.DuplicatesAnsweredOver500Ms));
    }

    [Fact]
    public void A_stored_answer_asked_again_is_in_flight_at_no_kill_however_recent()
    {
        var ledger = new KillLedger(r => r.Messages[^1].Content);
        var stored = Arrive(ledger, "stored", "answer 2", at: 0);
        _ = Arrive(ledger, "open", "answer 3", at: 1);
        ledger.Answer(stored);
        var killedAt = DateTime.UtcNow.AddMilliseconds(1).Ticks;

        var kill = ledger.Landed("run", inAggregation: false, Start, killedAt, new HashSet<string> { "answer 2" });

        Assert.Equal((1, 0), (kill.Open, kill.AnsweredNotStored));
        Assert.Equal(["stored"], KillLedger.Attribute(["stored", "open", "stored", "open"], [kill]));
        Assert.Equal(1, kill.Duplicates); // the open one
    }

    [Fact]
    public void Each_kill_accounts_for_one_repeat_of_a_request_in_flight_at_it()
    {
        var ledger = new KillLedger(r => r.Messages[^1].Content);
        _ = Arrive(ledger, "twice", "answer 4", at: 0); // open at the first kill
        var first = ledger.Landed("run", inAggregation: false, Start, DateTime.UtcNow.Ticks, new HashSet<string>());
        ledger.CloseOpen();

        // Three arrivals in all, one kill that had it in flight: one repeat is accounted for, the other is not.
        Assert.Equal(["twice"], KillLedger.Attribute(["twice", "twice", "twice"], [first]));
    }

    private static SimulatedChatRequest Arrive(KillLedger ledger, string text, string reply, int at)
    {
        var request = new SimulatedChatRequest("/v1/chat/completions", "m", [new SimulatedMessage("user", text)], null, null, null)
        {
            ReceivedAt = new DateTimeOffset(Start.AddSeconds(at)),
        };
        ledger.Arrived(request, reply);
        return request;
    }
}
