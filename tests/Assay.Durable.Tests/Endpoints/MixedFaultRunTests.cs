using System.Collections.Concurrent;
using Assay.Core.Judges;
using Assay.Durable.Contracts;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>
/// A whole run against an endpoint that fails 10 % with 429, 5 % with 500, 2 % by hanging and 1 % with a broken 200,
/// plus four cases that always fail one way. The endpoint logs what it served per case, so the test knows which cases
/// must end errored and with which cause; every other case must be scored.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MixedFaultRunTests(AzuriteFixture azurite)
{
    private const int Cases = 200;
    private const int MaxAttempts = 3;

    private static readonly Dictionary<string, string> Poisoned = new()
    {
        ["question 7"] = "garbage", ["question 13"] = "500", ["question 21"] = "hang", ["question 33"] = "429",
    };

    [Fact]
    public async Task Every_case_ends_scored_or_errored_with_the_cause_the_endpoint_gave_and_the_counts_add_up()
    {
        var served = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        var random = new Random(20261128);
        await using var server = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var prompt = request.Messages.Last(m => m.Role == "user").Content;
            string fault;
            lock (random)
            {
                var draw = random.NextDouble();
                fault = Poisoned.GetValueOrDefault(prompt) ?? draw switch
                {
                    < 0.10 => "429", < 0.15 => "500", < 0.17 => "hang", < 0.18 => "garbage", _ => "ok",
                };
            }

            served.GetOrAdd(prompt, _ => new ConcurrentQueue<string>()).Enqueue(fault);
            return fault switch
            {
                "429" => SimulatedReply.TooManyRequests(TimeSpan.FromMilliseconds(30)),
                "500" => SimulatedReply.ServerError(),
                "hang" => SimulatedReply.Hang(),
                "garbage" => SimulatedReply.Garbage(),
                _ => SimulatedReply.Text("Sure, here is an answer to " + prompt),
            };
        });
        var settings = RunKit.Endpoint("flaky", server.BaseUrl, "flaky-model", maxAttempts: MaxAttempts, timeoutSeconds: 0.5); // its hangs end by timeout
        settings["Endpoints:flaky:InputPricePer1M"] = "1";
        settings["Endpoints:flaky:OutputPricePer1M"] = "2";
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "faults-" + Guid.NewGuid().ToString("N")[..8];
        var blob = await RunKit.UploadCasesAsync(host, runId, Cases);

        var state = await host.RunAsync(new RunRequest(runId, blob, null, [TargetSpec.ForEndpoint("flaky")], new JudgeSpec("refusal"), BatchSize: 25));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        var results = await RunKit.ResultsAsync(host, runId, "flaky", "refusal");
        Assert.Equal(Cases, results.Count);
        foreach (var result in results)
        {
            var log = served[$"question {result.CaseId[1..]}"].ToList();
            var last = log[^1];
            if (last == "ok")
            {
                Assert.True(result.Status == CaseStatus.Scored, $"{result.CaseId}: {result.Status} {result.Error} after {string.Join(",", log)}");
                continue;
            }

            Assert.Equal(MaxAttempts, log.Count); // a call is given up only after its last attempt
            Assert.Equal(CaseStatus.Error, result.Status);
            var cause = last switch { "429" => "HTTP 429", "500" => "HTTP 500", "hang" => "timed out", _ => "unusable response body" };
            Assert.Contains(cause, result.Error, StringComparison.Ordinal);
            Assert.StartsWith("target: ", result.Error, StringComparison.Ordinal);
        }

        var expectedErrors = served.Values.Count(q => q.Last() != "ok");
        Assert.InRange(expectedErrors, Poisoned.Count, Cases);
        var report = await RunKit.ReportAsync(host, runId);
        var target = Assert.Single(report.Targets);
        Assert.Equal(Cases, target.Cases);
        Assert.Equal(Cases, target.Scored + target.Unscored + target.Errors);
        Assert.Equal(expectedErrors, target.Errors);

        // Accounting: one logical call per case, every HTTP attempt counted, cost from the configured prices.
        var usage = Assert.Single(report.Endpoints!.ByEndpoint);
        Assert.Equal(("flaky", Cases, 0, server.Calls, expectedErrors), (usage.Name, usage.Calls, usage.CacheHits, usage.Attempts, usage.Errors));
        Assert.True(server.Calls > Cases, "the simulated faults should have caused retries");
        Assert.Equal(10L * (Cases - expectedErrors), usage.InputTokens); // the simulated endpoint reports 10 prompt tokens
        Assert.Equal(((usage.InputTokens * 1.0) + (usage.OutputTokens * 2.0)) / 1e6, usage.Cost!.Value, 12);
        Assert.InRange(usage.LatencyP50Ms, 0.001, usage.LatencyP95Ms);
        Assert.Equal(usage with { Name = "total" }, report.Endpoints.Total);
    }
}
