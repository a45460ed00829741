using System.Text.Json;
using Assay.Durable.Contracts;
using Assay.Durable.Runs;
using Assay.Durable.Storage;
using Assay.Functions.Logging;
using Assay.Functions.Security;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Assay.Functions.Api;

/// <summary>
/// The HTTP API's behaviour, apart from the Functions host: start, read, list and cancel runs with any
/// <see cref="DurableTaskClient"/>. Every request passes the <see cref="CallerGate"/> (an authenticated caller within
/// its rate); a run belongs to the caller who started it, and other callers (but admins) see no such run. Request
/// bodies are never logged (a caller may paste a key into one by mistake).
/// </summary>
public sealed class RunApi(
    RunSpecValidator validator, RunStore store, ApiResponses responses, RunViews views, CallerGate gate, TimeProvider time, ILogger<RunApi> logger)
{
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Instances a list request reads at most, sub-orchestrations included, before it stops looking.</summary>
    public const int MaxListScan = 2000;

    public async Task<IActionResult> StartAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (gate.Admit(request, out var refusal) is not { } caller)
        {
            return refusal!;
        }

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
        if (spec.RunId is { } asked && RunIds.ReservedPrefix(asked) is { } reserved)
        {
            errors.Add(new("runId", $"ids starting '{reserved}' are reserved for runs the app starts itself (uploads, the nightly schedule)"));
        }

        if (validation.Request is { } valid)
        {
            errors.AddRange(await MissingBlobsAsync(valid, ct).ConfigureAwait(false));
        }

        if (errors.Count > 0 || validation.Request is null)
        {
            return Invalid(errors, validation);
        }

        var run = validation.Request with { Owner = caller.Id };
        if (await client.GetInstanceAsync(run.RunId, getInputsAndOutputs: false, ct).ConfigureAwait(false) is null
            && await HasResultsAsync(run.RunId, ct).ConfigureAwait(false))
        {
            // History purged, results kept: starting again would reuse the old plan and overwrite the old report.
            return responses.Problem(
                StatusCodes.Status409Conflict, "Run id used", $"Run id '{run.RunId}' already has results or a plan; choose another id.");
        }

        if (!await RunStarter.StartOnceAsync(client, run, ct).ConfigureAwait(false))
        {
            return responses.Problem(StatusCodes.Status409Conflict, "Run exists", $"A run with id '{run.RunId}' already exists.");
        }

        logger.RunStartedOverHttp(run.RunId, caller.Id, run.BenchmarkBlob, run.Targets.Count);
        var accepted = views.Accepted(run.RunId, "pending");
        request.HttpContext.Response.Headers.Location = accepted.StatusUrl;
        return responses.Json(StatusCodes.Status202Accepted, accepted);
    }

    public async Task<IActionResult> GetAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (gate.Admit(request, out var refusal) is not { } caller)
        {
            return refusal!;
        }

        var state = await FindAsync(id, caller, client, ct).ConfigureAwait(false);
        return state is null ? NotFound() : responses.Json(StatusCodes.Status200OK, views.Status(state));
    }

    public async Task<IActionResult> ListAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (gate.Admit(request, out var refusal) is not { } caller)
        {
            return refusal!;
        }

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

        // Backends page in their own order, not by age: read a bounded number of instances (shards and debates are
        // skipped by id before their input is read), then keep the caller's newest.
        var runs = new List<OrchestrationMetadata>();
        var scanned = 0;
        await foreach (var state in client.GetAllInstancesAsync(filter).WithCancellation(ct).ConfigureAwait(false))
        {
            if (!IsSubOrchestration(state.InstanceId) && state.Name == RunViews.OrchestrationName && caller.CanSee(RunViews.Owner(state)))
            {
                runs.Add(state);
            }

            if (++scanned >= MaxListScan)
            {
                break;
            }
        }

        var newest = runs.OrderByDescending(r => r.CreatedAt).Take(query.Top).Select(views.Status).ToList();
        return responses.Json(StatusCodes.Status200OK, new { runs = newest });
    }

    public async Task<IActionResult> CancelAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (gate.Admit(request, out var refusal) is not { } caller)
        {
            return refusal!;
        }

        var state = await FindAsync(id, caller, client, ct).ConfigureAwait(false);
        if (state is null)
        {
            return NotFound();
        }

        if (state.IsCompleted)
        {
            return responses.Problem(
                StatusCodes.Status409Conflict, "Run already ended", $"Run '{state.InstanceId}' ended as {RunViews.StatusName(state.RuntimeStatus)}.");
        }

        // First the marker every generate and judge activity checks: a shard whose creation was already on its way
        // is created after the sweep below and would otherwise call endpoints (seen once in a full test run).
        await RunStore.WriteTextAsync(
            await store.ResultsAsync(ct).ConfigureAwait(false), BlobNames.Cancelled(state.InstanceId), "{\"cancelled\":\"over the HTTP API\"}", "application/json", ct)
            .ConfigureAwait(false);

        // Recursive: a sharded run's shard sub-orchestrations would otherwise go on calling endpoints. Backends that
        // ignore the flag (the in-memory test host) get the shards terminated by name as well.
        await client.TerminateInstanceAsync(
            state.InstanceId, new TerminateInstanceOptions { Output = "cancelled over the HTTP API", Recursive = true }, ct).ConfigureAwait(false);
        await TerminateShardsAsync(client, state.InstanceId, ct).ConfigureAwait(false);
        logger.RunCancelledOverHttp(state.InstanceId, caller.Id);
        return responses.Json(StatusCodes.Status202Accepted, views.Accepted(state.InstanceId, "terminating"));
    }

    private static async Task TerminateShardsAsync(DurableTaskClient client, string runId, CancellationToken ct)
    {
        var shards = new OrchestrationQuery
        {
            InstanceIdPrefix = runId + ":shard:",
            Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
        };
        await foreach (var shard in client.GetAllInstancesAsync(shards).WithCancellation(ct).ConfigureAwait(false))
        {
            await client.TerminateInstanceAsync(shard.InstanceId, new TerminateInstanceOptions { Output = "run cancelled", Recursive = true }, ct).ConfigureAwait(false);
        }
    }

    // Shards are {runId}:shard:{n}, debates {claim}~{mode}~{runId}; run ids have neither character.
    private static bool IsSubOrchestration(string instanceId) => instanceId.Contains(':', StringComparison.Ordinal) || instanceId.Contains('~', StringComparison.Ordinal);

    // A run the caller may not see is answered exactly like one that does not exist.
    private static async Task<OrchestrationMetadata?> FindAsync(string id, Caller caller, DurableTaskClient client, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id) || !RunIds.IsValid(id))
        {
            return null;
        }

        var state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, ct).ConfigureAwait(false);
        return state?.Name == RunViews.OrchestrationName && caller.CanSee(RunViews.Owner(state)) ? state : null;
    }

    private async Task<bool> HasResultsAsync(string runId, CancellationToken ct)
    {
        var prefix = BlobNames.Safe(runId) + "/";
        foreach (var container in new[] { await store.ResultsAsync(ct).ConfigureAwait(false), await store.ReportsAsync(ct).ConfigureAwait(false) })
        {
            await foreach (var _ in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, ct).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
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
        if (await BlobProblemAsync(container, run.BenchmarkBlob, ct).ConfigureAwait(false) is { } benchmark)
        {
            missing.Add(new("benchmark", benchmark));
        }

        for (var i = 0; i < run.Targets.Count; i++)
        {
            if (run.Targets[i].RecordedBlob is { } blob && await BlobProblemAsync(container, blob, ct).ConfigureAwait(false) is { } recorded)
            {
                missing.Add(new($"targets[{i}]", recorded));
            }
        }

        return missing;
    }

    // Missing, or larger than a run may read: the size is checked here from the blob's properties, never by reading it.
    private async Task<string?> BlobProblemAsync(BlobContainerClient container, string blob, CancellationToken ct)
    {
        var size = await RunStore.SizeAsync(container, blob, ct).ConfigureAwait(false);
        return size is null
            ? $"no blob '{blob}' in the '{container.Name}' container"
            : BlobBenchmarkSource.SizeProblem(size.Value, store.MaxBenchmarkBytes);
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
