using Assay.Durable.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace Assay.Cli.Tests;

/// <summary>The live progress line: what it says as a run goes, and that it rewrites one terminal line.</summary>
public sealed class RunProgressLineTests
{
    [Fact]
    public void The_line_says_cases_done_of_total_calls_per_second_errors_and_an_ETA_from_the_pace_of_judged_batches()
    {
        var clock = new FakeTimeProvider();
        var (calls, errors) = (100L, 3L); // before this run: not counted
        var rate = new RunRate(clock, () => (calls, errors));

        Assert.Equal("[plan] cases 0/0, 0.0 calls/s, 0 errors, ETA -", rate.Describe(new RunProgress("plan", 0, 0, 0, 0)));
        clock.Advance(TimeSpan.FromSeconds(10));
        (calls, errors) = (150, 4);
        Assert.Equal("[evaluate] cases 200/800, 5.0 calls/s, 1 errors, ETA -", rate.Describe(new RunProgress("evaluate", 40, 12, 10, 800)));
        clock.Advance(TimeSpan.FromSeconds(10));
        (calls, errors) = (300, 4);
        // 10 more batches in 10 s, 20 to go: 20 s.
        Assert.Equal("[evaluate] cases 400/800, 10.0 calls/s, 1 errors, ETA 20s", rate.Describe(new RunProgress("evaluate", 40, 25, 20, 800)));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("[aggregate] cases 800/800, 6.7 calls/s, 1 errors, ETA 0s", rate.Describe(new RunProgress("aggregate", 40, 40, 40, 800)));
    }

    [Fact]
    public void A_live_line_rewrites_itself_in_place_and_ends_with_one_newline()
    {
        var terminal = new StringWriter();
        using (var line = new LiveLine(terminal))
        {
            line.WriteLine("[evaluate] cases 1/2");
            line.WriteLine("[evaluate] cases 2/2");
        }

        Assert.Equal("\r\u001b[K[evaluate] cases 1/2\r\u001b[K[evaluate] cases 2/2" + Environment.NewLine, terminal.ToString());
    }

    [Fact]
    public void Output_that_is_not_the_process_terminal_keeps_plain_lines()
    {
        Assert.False(LiveLine.IsTerminal(new StringWriter()));
        Assert.Equal(
            "[evaluate] 800 cases; batches generated 25/40, judged 20/40",
            RunProgressWatcher.Plain(new RunProgress("evaluate", 40, 25, 20, 800)));
    }

    [Fact]
    public void Once_planned_the_line_shows_the_batch_size_and_window_the_run_uses()
    {
        Assert.Equal(
            "[evaluate] 800 cases; batches generated 25/40, judged 20/40; batches of 128, 4 generating at once",
            RunProgressWatcher.Plain(new RunProgress("evaluate", 40, 25, 20, 800, BatchSize: 128, Window: 4)));
    }
}
