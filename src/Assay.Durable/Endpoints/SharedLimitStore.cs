using System.Security.Cryptography;
using System.Text;
using Assay.Durable.Storage;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Endpoints;

/// <summary>
/// The cross-instance side of the shared budgets: per endpoint one blob (<c>limits/{key}.json</c>) holding the
/// current window and the requests and tokens granted in it so far. A claim reads it and writes it back with the
/// grant added, conditional on the ETag it read (or on absence), so two instances can never both be granted the same
/// budget: the loser of a race reads again. Storage faults propagate (the activity retry handles them); a limiter
/// that guessed would break the guarantee.
/// </summary>
public sealed class SharedLimitStore(RunStore store, IOptions<LimitsOptions> options)
{
    private readonly System.Collections.Concurrent.ConcurrentBag<SharedBudget> budgets = [];
    private long reads;
    private long writes;
    private long conflicts;

    /// <summary>Storage requests so far (downloads, conditional uploads, uploads lost to another instance): the cost.</summary>
    public (long Reads, long Writes, long Conflicts) Calls => (Interlocked.Read(ref reads), Interlocked.Read(ref writes), Interlocked.Read(ref conflicts));

    public bool Enabled => options.Value.Shared == true;

    /// <summary>
    /// The shared budget of an endpoint, or null when sharing is off or it has no per-minute limit. The blob is named
    /// after what the quota belongs to (kind, URL, model), not the configured name, so that every host shares it.
    /// </summary>
    internal SharedBudget? BudgetFor(EndpointOptions endpoint, TimeProvider time)
    {
        if (!Enabled || (endpoint.RequestsPerMinute is null && endpoint.TokensPerMinute is null))
        {
            return null;
        }

        var limits = options.Value;
        var seconds = limits.WindowSeconds;
        if (endpoint.RequestsPerMinute * seconds / 60 < 1 || endpoint.TokensPerMinute * seconds / 60 < 1)
        {
            seconds = 60; // a window must hold at least one request and one token
        }

        var identity = $"{endpoint.Kind}\n{endpoint.BaseUrl}\n{endpoint.Model}";
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
        var budget = new SharedBudget(
            this, key, PerWindow(endpoint.RequestsPerMinute, seconds), PerWindow(endpoint.TokensPerMinute, seconds),
            TimeSpan.FromSeconds(seconds), limits.ChunksPerWindow, time);
        budgets.Add(budget);
        return budget;
    }

    /// <summary>Callers of this process asleep until a later window (no budget left in theirs), over every endpoint.</summary>
    public int SleepingCallers => budgets.Sum(b => b.Sleeping());

    /// <summary>
    /// Grants at least what is needed and up to what is wanted of window <paramref name="window"/>'s budget, or
    /// nothing when the window cannot cover the need (the caller waits for the next one). A null limit is unlimited.
    /// </summary>
    internal async Task<WindowGrant> ClaimAsync(string key, long window, WindowClaim claim, CancellationToken ct)
    {
        var container = await store.ContainerAsync(options.Value.Container, ct).ConfigureAwait(false);
        var blob = container.GetBlobClient(key + ".json");
        while (true)
        {
            WindowState? state = null;
            ETag? etag = null;
            try
            {
                var content = await blob.DownloadContentAsync(ct).ConfigureAwait(false);
                state = content.Value.Content.ToObjectFromJson<WindowState>();
                etag = content.Value.Details.ETag;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
            }
            finally
            {
                Interlocked.Increment(ref reads);
            }

            if (state is not null && state.Window > window)
            {
                return WindowGrant.None; // another instance's clock is ahead: this window is over for it already
            }

            var current = state is null || state.Window < window ? new WindowState(window, 0, 0) : state;
            var requests = Grant(claim.RequestLimit, current.Requests, claim.NeedRequests, claim.WantRequests);
            var tokens = Grant(claim.TokenLimit, current.Tokens, claim.NeedTokens, claim.WantTokens);
            if (requests is null || tokens is null)
            {
                return WindowGrant.None;
            }

            var next = current with { Requests = current.Requests + requests.Value, Tokens = current.Tokens + tokens.Value };
            var conditions = etag is { } match ? new BlobRequestConditions { IfMatch = match } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                Interlocked.Increment(ref writes);
                await blob.UploadAsync(BinaryData.FromObjectAsJson(next), new BlobUploadOptions { Conditions = conditions }, ct).ConfigureAwait(false);
                return new WindowGrant(true, requests.Value, tokens.Value);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 409)
            {
                Interlocked.Increment(ref conflicts); // another instance wrote first: read its grant and try again
            }
        }
    }

    private static long? PerWindow(int? perMinute, double seconds) => perMinute is { } limit ? (long)Math.Floor(limit * seconds / 60) : null;

    /// <summary>Between need and want, within what is left; null when even the need does not fit; 0 when unlimited.</summary>
    private static long? Grant(long? limit, long used, long need, long want)
    {
        if (limit is not { } max)
        {
            return 0;
        }

        var left = max - used;
        return left < need ? null : Math.Min(left, Math.Max(need, want));
    }

    private sealed record WindowState(long Window, long Requests, long Tokens);
}

/// <summary>What a process asks of a window: its limits, what its current caller needs, and what its waiters want.</summary>
internal sealed record WindowClaim(long? RequestLimit, long? TokenLimit, long NeedRequests, long WantRequests, long NeedTokens, long WantTokens);

internal sealed record WindowGrant(bool Granted, long Requests, long Tokens)
{
    public static WindowGrant None { get; } = new(false, 0, 0);
}
