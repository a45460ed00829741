using Assay.Durable.Runs;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;

namespace Assay.Functions.Api;

/// <summary>
/// Admin operations on a run's durable state: <c>GET /api/admin/runs/{id}/stuck</c> tells whether the run can still
/// make progress (the check <c>assay status</c> and a local resume make, see docs/local-runtime.md), and
/// <c>POST /api/admin/runs/{id}/repair</c> restarts a stuck run from its blobs under the same id. Guarded by the host's
/// admin (master) key: a restart is an operator's act, never a caller's.
/// </summary>
public sealed class RunRepairFunctions(IConfiguration configuration)
{
    [Function("CheckStuckRun")]
    public async Task<IActionResult> Check(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "admin/runs/{id}/stuck")] HttpRequest request,
        string id,
        FunctionContext context)
    {
        if (CreateCheck() is not { } check)
        {
            return NotConfigured();
        }

        var report = await check.CheckAsync(id, context.CancellationToken).ConfigureAwait(false);
        return report.RuntimeStatus is null ? new NotFoundResult() : new OkObjectResult(report);
    }

    [Function("RepairStuckRun")]
    public async Task<IActionResult> Repair(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "admin/runs/{id}/repair")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        if (CreateCheck() is not { } check)
        {
            return NotConfigured();
        }

        var report = await check.CheckAsync(id, context.CancellationToken).ConfigureAwait(false);
        if (report.RuntimeStatus is null)
        {
            return new NotFoundResult();
        }

        if (!report.Stuck)
        {
            return new ConflictObjectResult(report);
        }

        await StuckRunRepair.RestartAsync(client, report, context.CancellationToken).ConfigureAwait(false);
        return new AcceptedResult($"/api/runs/{Uri.EscapeDataString(id)}", report);
    }

    // The Durable extension's own connection (AzureWebJobsStorage) and hub (TaskHubName, as host.json names it).
    private StuckRunCheck? CreateCheck()
    {
        var hub = configuration["TaskHubName"] is { Length: > 0 } name ? name : "TestHubName";
        if (configuration["AzureWebJobsStorage"] is { Length: > 0 } connection)
        {
            return new StuckRunCheck(connection, hub);
        }

        if (configuration["AzureWebJobsStorage:accountName"] is { Length: > 0 } account)
        {
            var credential = new DefaultAzureCredential();
            return new StuckRunCheck(
                new TableServiceClient(new Uri($"https://{account}.table.core.windows.net"), credential),
                new QueueServiceClient(new Uri($"https://{account}.queue.core.windows.net"), credential),
                hub);
        }

        return null;
    }

    private static ObjectResult NotConfigured() => new(new { error = "AzureWebJobsStorage (a connection string or __accountName) is not configured" })
    {
        StatusCode = StatusCodes.Status501NotImplemented,
    };
}
