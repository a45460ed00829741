using Assay.Core.Judges.Catalogue;
using Assay.Core.Integrity;
using Assay.Core.Judges;
using Assay.Core.Reports;

namespace Assay.Core.Tests.Reports;

public sealed class ArenaAccumulatorTests
{
    [Fact]
    public void Each_pair_is_counted_from_both_sides_and_unscored_cases_count_for_neither()
    {
        var arena = new ArenaAccumulator(["a", "b", "c"], bootstrapRounds: 20);
        arena.Add(Judged("a", "1", win: 1, verdict1: 1, verdict2: 1), "b");
        arena.Add(Judged("a", "2", win: 0.5, verdict1: 1, verdict2: -1), "b"); // flips with the order: a tie
        arena.Add(new CaseResult { CaseId = "3", Target = "a", Judge = "arena-hard", Status = CaseStatus.Unscored, Scores = [new("win", null, "no [[verdict]] label")] }, "b");
        arena.Add(Judged("b", "1", win: 1, verdict1: 2, verdict2: 2), "c");

        var section = arena.Build()!;

        Assert.Equal("a", section.Anchor);
        var ab = section.Matrix.Single(m => m.Target == "a" && m.Opponent == "b");
        Assert.Equal((1, 1, 0, 0.75, 0.5), (ab.Wins, ab.Ties, ab.Losses, ab.WinRate, ab.PositionConsistency));
        var ba = section.Matrix.Single(m => m.Target == "b" && m.Opponent == "a");
        Assert.Equal((0, 1, 1, 0.25), (ba.Wins, ba.Ties, ba.Losses, ba.WinRate));
        var ac = section.Matrix.Single(m => m.Target == "a" && m.Opponent == "c");
        Assert.Equal((0, 0, 0, null), (ac.Wins, ac.Ties, ac.Losses, ac.WinRate));
        // b's strong wins over c count three times each: 6 weighted games, plus the 4 against a.
        Assert.Equal(10, section.Ratings.Single(r => r.Target == "b").Battles);
        Assert.Equal(["a", "b", "c"], section.Ratings.Select(r => r.Target));
        Assert.Equal(1000, section.Ratings.Single(r => r.Target == "a").Rating, 6);
        Assert.Equal(("a", "b"), section.PairOf("a vs b"));
        Assert.Null(section.PairOf("a vs z"));
    }

    [Fact]
    public void Nothing_judged_is_no_section()
    {
        var arena = new ArenaAccumulator(["a", "b"]);
        arena.Add(new CaseResult { CaseId = "1", Target = "a", Judge = "arena-hard", Status = CaseStatus.Error, Scores = [] }, "b");

        Assert.Null(arena.Build());
    }

    [Fact]
    public void A_null_canary_that_wins_its_arena_games_is_flagged()
    {
        var arena = new ArenaAccumulator(["m", "null"], bootstrapRounds: 10);
        arena.Add(Judged("m", "1", win: 0, verdict1: -2, verdict2: -2), "null");
        arena.Add(Judged("m", "2", win: 0.5, verdict1: 0, verdict2: 0), "null");

        var rule = JudgeCatalogue.Get("arena-hard")!.Canary;
        var canary = ArenaCanary.Check(arena.Build(), new IntegrityOptions(), rule)!;

        Assert.Equal(0.5, canary.Mean); // one outright win in two games; the tie is not a win
        Assert.True(canary.Flagged);
        Assert.Contains("can be fooled", canary.Message, StringComparison.Ordinal);
        Assert.Null(ArenaCanary.Check(arena.Build(), new IntegrityOptions { CanaryTarget = "absent" }, rule));
    }

    private static CaseResult Judged(string target, string id, double win, int verdict1, int verdict2) => new()
    {
        CaseId = id,
        Target = target,
        Judge = "arena-hard",
        Status = CaseStatus.Scored,
        Scores =
        [
            new("win", win),
            new("consistent", Math.Sign(verdict1) == Math.Sign(verdict2) ? 1 : 0),
            new("verdict1", verdict1),
            new("verdict2", verdict2),
        ],
    };
}
