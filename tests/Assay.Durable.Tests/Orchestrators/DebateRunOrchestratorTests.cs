using Assay.Core.Debates;
using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Assay.Durable.Storage;
using Assay.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// The debate run as the Functions app runs it: one <see cref="DebateOrchestrator"/> sub-orchestration per claim × mode
/// (the local runner plays them inline instead), every role simulated over HTTP, blobs in Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DebateRunOrchestratorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Each_debate_is_its_own_sub_orchestration_and_the_report_counts_their_outcomes()
    {
        var claimsFile = Datasets.File("logicom", "all-claim-not-claim.csv");
        var claims = await LogicomClaims.ReadFileAsync(claimsFile, 3, CancellationToken.None);
        var simulation = new DebateSimulation(claims.Select(c => c.Claim).ToList())
        {
            Script = (claim, mode, round) => (claim, mode, round) switch
            {
                (0, "fallacious", 2) or (1, "fallacious", 2) => DebaterMove.Convinced,
                _ => DebaterMove.NotConvinced,
            },
        };
        await using var server = await SimulatedOpenAIServer.StartAsync(simulation.Handle);
        var settings = new Dictionary<string, string?> { ["Cache:Enabled"] = "false" };
        foreach (var (name, model) in new[] { ("persuader", DebateSimulation.PersuaderModel), ("debater", DebateSimulation.DebaterModel), ("moderator", DebateSimulation.ModeratorModel) })
        {
            settings[$"Endpoints:{name}:Kind"] = "OpenAICompatible";
            settings[$"Endpoints:{name}:BaseUrl"] = server.BaseUrl.ToString();
            settings[$"Endpoints:{name}:Model"] = model;
        }

        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "debate-sub-" + Guid.NewGuid().ToString("N")[..8];
        var claimsBlob = DebateBlobNames.UploadedClaims(runId, claimsFile);
        await host.UploadAsync(claimsBlob, claimsFile);
        var request = new DebateRunRequest(
            runId, claimsBlob, "all-claim-not-claim.csv", [DebateModes.Logical, DebateModes.Fallacious], 3,
            new DebateEndpoints("persuader", "persuader", "debater", "moderator"), Limit: 3, MaxInFlight: 2);

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(DebateRunOrchestrator), request, new StartOrchestrationOptions(runId));
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var state = await host.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, cts.Token);

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ErrorMessage);
        var result = state.ReadOutputAs<DebateRunResult>()!;
        Assert.Equal(6, result.Debates);
        Assert.Equal((0, 3), (result.Modes[0].Convinced, result.Modes[0].Scored));
        Assert.Equal((2, 2.0), (result.Modes[1].Convinced, result.Modes[1].MeanRoundsToConviction));
        foreach (var claim in claims)
        {
            foreach (var mode in request.Modes)
            {
                var debate = await host.Client.GetInstanceAsync(DebateRunOrchestrator.DebateInstanceId(runId, claim.Id, mode), getInputsAndOutputs: true);
                Assert.Equal(OrchestrationRuntimeStatus.Completed, debate!.RuntimeStatus);
                var summary = debate.ReadOutputAs<DebateSummary>()!;
                Assert.Equal((claim.Id, mode), (summary.ClaimId, summary.Mode));
            }
        }

        // 3 + 3 + 3 logical rounds, 2 + 2 + 3 fallacious rounds: one debater call each.
        Assert.Equal(16, server.Requests.Count(r => r.Model == DebateSimulation.DebaterModel));
    }
}
