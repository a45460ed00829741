using System.Text.Json;
using Assay.Durable.Contracts;
using Assay.Durable.Runs;
using Assay.Durable.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Assay.Functions.Api;

/// <summary>
/// The HTTP API's behaviour, apart from the Functions host: start, read, list and cancel runs with any
/// <see cref="DurableTaskClient"/>. Request bodies are never logged (a caller may paste a key into one by mistake).
/// </summary>
public sealed class RunApi(RunSpecValidator validator, RunStore store, ApiResponses responses, RunViews views, TimeProvider time, ILogger<RunApi> logger)
{
    public const int MaxBodyBytes = 64 * 1024;

    private const int MaxListScan = 1000;

    public async Task<IActionResult> StartAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await ReadBodyAsync(request, ct).ConfigureAwait(false);
        if (body is null)
        {
            return responses.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A run spec has at most {MaxBodyBytes} bytes.");
        }

        RunSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<RunSpec>(body, ApiJson.Options);
        }
        catch (JsonException ex)
        {
            // System.Text.Json names the path and the unknown property, never the value.
            return responses.Problem(StatusCodes.Status400BadRequest, "Not a run spec", ex.Message);
        }

        if (spec is null)
        {
            return responses.Problem(StatusCodes.Status400BadRequest, "Not a run spec", "The body must be a JSON object.");
        }

        var validation = validator.Validate(spec);
        var errors = validation.Errors.ToList();
        if (validation.Request is { } run)
        {
            errors.AddRange(await MissingBlobsAsync(run, ct).ConfigureAwait(false));
        }

        if (errors.Count > 0 || validation.Request is null)
        {
            return Invalid(errors, validation);
        }

        if (!await RunStarter.StartOnceAsync(client, validation.Request, ct).ConfigureAwait(false))
        {
            return responses.Problem(StatusCodes.Status409Conflict, "Run exists", $"A run with id '{validation.Request.RunId}' already exists.");
        }

        logger.LogInformation(
            "Run {RunId} started over HTTP: benchmark {Benchmark}, {Targets} targets", validation.Request.RunId, validation.Request.BenchmarkBlob, validation.Request.Targets.Count);
        var accepted = views.Accepted(request, validation.Request.RunId, "pending");
        request.HttpContext.Response.Headers.Location = accepted.StatusUrl;
        return responses.Json(StatusCodes.Status202Accepted, accepted);
    }

    public async Task<IActionResult> GetAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken ct)
    {
        var state = await FindAsync(id, client, ct).ConfigureAwait(false);
        return state is null ? NotFound() : responses.Json(StatusCodes.Status200OK, views.Status(request, state));
    }

    public async Task<IActionResult> ListAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RunListQuery.Parse(request.Query, out var problem) is not { } query)
        {
            return responses.Problem(StatusCodes.Status400BadRequest, "Invalid query", problem!);
        }

        var filter = new OrchestrationQuery
        {
            CreatedFrom = time.GetUtcNow() - RunListQuery.Window,
            Statuses = query.Statuses.Count == 0 ? null : query.Statuses,
            FetchInputsAndOutputs = true,
            PageSize = RunListQuery.MaxTop,
        };

        // Backends page in their own order, not by age: read a bounded number, then keep the newest.
        var runs = new List<OrchestrationMetadata>();
        await foreach (var state in client.GetAllInstancesAsync(filter).WithCancellation(ct).ConfigureAwait(false))
        {
            if (state.Name == RunViews.OrchestrationName)
            {
                runs.Add(state);
            }

            if (runs.Count >= MaxListScan)
            {
                break;
            }
        }

        var newest = runs.OrderByDescending(r => r.CreatedAt).Take(query.Top).Select(r => views.Status(request, r)).ToList();
        return responses.Json(StatusCodes.Status200OK, new { runs = newest });
    }

    public async Task<IActionResult> CancelAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken ct)
    {
        var state = await FindAsync(id, client, ct).ConfigureAwait(false);
        if (state is null)
        {
            return NotFound();
        }

        if (state.IsCompleted)
        {
            return responses.Problem(
                StatusCodes.Status409Conflict, "Run already ended", $"Run '{state.InstanceId}' ended as {RunViews.StatusName(state.RuntimeStatus)}.");
        }

        await client.TerminateInstanceAsync(state.InstanceId, "cancelled over the HTTP API", ct).ConfigureAwait(false);
        logger.LogInformation("Run {RunId} cancelled over HTTP", state.InstanceId);
        return responses.Json(StatusCodes.Status202Accepted, views.Accepted(request, state.InstanceId, "terminating"));
    }

    private static async Task<OrchestrationMetadata?> FindAsync(string id, DurableTaskClient client, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id) || !RunIds.IsValid(id))
        {
            return null;
        }

        var state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, ct).ConfigureAwait(false);
        return state?.Name == RunViews.OrchestrationName ? state : null;
    }

    private ContentResult NotFound() => responses.Problem(StatusCodes.Status404NotFound, "No such run", "No run has this id.");

    private ContentResult Invalid(IReadOnlyList<RunSpecError> errors, RunSpecValidation validation) => responses.Problem(
        StatusCodes.Status400BadRequest,
        validation.HasUnknownEndpoint ? "Unknown endpoint" : "Invalid run spec",
        string.Join("; ", errors),
        new Dictionary<string, object?>
        {
            ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Problem).ToArray()),
            ["knownEndpoints"] = validation.KnownEndpoints,
        });

    private async Task<List<RunSpecError>> MissingBlobsAsync(RunRequest run, CancellationToken ct)
    {
        var container = await store.BenchmarksAsync(ct).ConfigureAwait(false);
        var missing = new List<RunSpecError>();
        if (!await RunStore.ExistsAsync(container, run.BenchmarkBlob, ct).ConfigureAwait(false))
        {
            missing.Add(new("benchmark", $"no blob '{run.BenchmarkBlob}' in the '{container.Name}' container"));
        }

        for (var i = 0; i < run.Targets.Count; i++)
        {
            if (run.Targets[i].RecordedBlob is { } blob && !await RunStore.ExistsAsync(container, blob, ct).ConfigureAwait(false))
            {
                missing.Add(new($"targets[{i}]", $"no blob '{blob}' in the '{container.Name}' container"));
            }
        }

        return missing;
    }

    /// <returns>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</returns>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
