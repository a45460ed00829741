using Assay.Functions.Scheduling;
using Assay.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Assay.Functions.Tests.Scheduling;

[Collection(AzuriteCollection.Name)]
public sealed class NightlySchedulerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Two_firings_in_the_same_night_start_one_run_per_entry_and_the_next_night_starts_new_ones()
    {
        var prefix = "nightly-" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string?>
        {
            ["Nightly:Entries:xs:Benchmark"] = $"{prefix}/xstest_prompts.csv",
            ["Nightly:Entries:xs:Targets:0"] = "null",
            ["Nightly:Entries:xs:Targets:1"] = "refuse",
            ["Nightly:Entries:xs:BatchSize"] = "150",
            ["Nightly:Entries:cases:Benchmark"] = $"{prefix}/cases.jsonl",
            ["Nightly:Entries:cases:Targets:0"] = "refuse",
            ["Nightly:Entries:cases:Judge"] = "refusal",
        };
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, settings, clock);
        await host.UploadAsync($"{prefix}/xstest_prompts.csv", BinaryData.FromBytes(await File.ReadAllBytesAsync(Datasets.File("xstest", "xstest_prompts.csv"))));
        await host.UploadAsync($"{prefix}/cases.jsonl", BinaryData.FromString("""{"id":"a","turns":["hello"]}""" + "\n"));
        var timers = new TimerFunctions(host.Get<NightlyScheduler>(), host.Get<HistoryPurger>());

        await timers.Nightly(new TimerInfo { IsPastDue = false }, host.Client, Api.HttpRequests.Context());
        clock.Now = clock.Now.AddHours(3);
        var second = await host.Get<NightlyScheduler>().RunAsync(host.Client, isPastDue: true, CancellationToken.None);

        Assert.All(second, s => Assert.False(s.Started));
        var instances = await host.InstancesAsync();
        Assert.Equal(["nightly-cases-20261128", "nightly-xs-20261128"], instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        foreach (var id in instances.Select(i => i.InstanceId))
        {
            var state = await host.WaitAsync(id);
            Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        }

        // Even a finished run is not started again the same night: its instance still exists.
        Assert.All(await host.Get<NightlyScheduler>().RunAsync(host.Client, false, CancellationToken.None), s => Assert.False(s.Started));

        clock.Now = clock.Now.AddDays(1);
        var nextNight = await host.Get<NightlyScheduler>().RunAsync(host.Client, false, CancellationToken.None);
        Assert.Equal(["nightly-cases-20261129", "nightly-xs-20261129"], nextNight.Where(s => s.Started).Select(s => s.RunId));
    }

    [Fact]
    public async Task An_entry_naming_an_unknown_endpoint_fails_start_up_with_the_known_names()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Endpoints:local:Kind"] = "OpenAICompatible",
            ["Endpoints:local:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Endpoints:local:Model"] = "m",
            ["Nightly:Entries:bad:Benchmark"] = "x/xstest_prompts.csv",
            ["Nightly:Entries:bad:Targets:0"] = "gpt-9",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => FunctionsAppHost.StartAsync(azurite.ConnectionString, settings));

        Assert.Contains("Nightly:Entries:bad: targets[0]: no endpoint named 'gpt-9' in configuration (known: local)", error.Message, StringComparison.Ordinal);
    }
}
