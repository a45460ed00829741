using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Assay.Functions.Api;

/// <summary>
/// The HTTP triggers of <c>/api/runs</c>. Function keys guard them, and App Service authentication (Entra ID) must sit
/// in front: the caller identity the API records and filters by comes from the headers it injects (see
/// <see cref="Security.Caller"/> and the README). All behaviour lives in <see cref="RunApi"/>.
/// </summary>
public sealed class RunApiFunctions(RunApi api)
{
    [Function("StartRun")]
    public Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        api.StartAsync(request, client, context.CancellationToken);

    [Function("ListRuns")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        api.ListAsync(request, client, context.CancellationToken);

    [Function("GetRun")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        api.GetAsync(request, id, client, context.CancellationToken);

    [Function("CancelRun")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{id}/cancel")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        api.CancelAsync(request, id, client, context.CancellationToken);
}
