using Assay.Functions.Scheduling;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Assay.Functions.Tests.Scheduling;

/// <summary>
/// The purge timer's body. Neither local durable runtime here implements purge (the in-memory test host throws; the
/// CLI sidecar's service decorator does not expose the backend's purge client), so the client is mocked and the test
/// checks what is asked of it: ended runs only, created before now minus the configured age.
/// </summary>
public sealed class HistoryPurgerTests
{
    [Fact]
    public async Task The_purge_timer_asks_for_ended_runs_older_than_the_configured_age()
    {
        var now = new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);
        var client = new Mock<DurableTaskClient>(MockBehavior.Strict, "test");
        PurgeInstancesFilter? asked = null;
        client.Setup(c => c.PurgeAllInstancesAsync(It.IsAny<PurgeInstancesFilter>(), It.IsAny<CancellationToken>()))
            .Callback<PurgeInstancesFilter, CancellationToken>((f, _) => asked = f)
            .ReturnsAsync(new PurgeResult(3));
        var purger = new HistoryPurger(Options.Create(new PurgeOptions { MaxAge = TimeSpan.FromDays(7) }), new FixedTimeProvider(now), NullLogger<HistoryPurger>.Instance);
        var timers = new TimerFunctions(null!, purger);

        await timers.Purge(new Microsoft.Azure.Functions.Worker.TimerInfo(), client.Object, Api.HttpRequests.Context());

        Assert.NotNull(asked);
        Assert.Null(asked.CreatedFrom);
        Assert.Equal(now.AddDays(-7), asked.CreatedTo);
        Assert.Equal(
            [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            asked.Statuses!.Order());
        Assert.Equal(3, await purger.PurgeAsync(client.Object, CancellationToken.None));
    }

    [Fact]
    public void A_purge_age_under_a_day_fails_validation()
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var options = new PurgeOptions { MaxAge = TimeSpan.FromHours(1) };

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
    }
}
