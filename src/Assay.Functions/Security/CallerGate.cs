using System.Threading.RateLimiting;
using Assay.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Assay.Functions.Security;

/// <summary>
/// The door of every API request: an authenticated caller (401 without one) within its request rate (429 past it,
/// with <c>Retry-After</c>). The rate is per caller and per instance: a scaled-out app admits that many per
/// instance, which bounds cost per caller all the same.
/// </summary>
public sealed class CallerGate(IOptions<ApiOptions> options, ApiResponses responses) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(caller =>
        RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <returns>The caller, or null with <paramref name="refusal"/> set to the response to send instead.</returns>
    public Caller? Admit(HttpRequest request, out ContentResult? refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = options.Value.RequireCaller ? Caller.Read(request, options.Value.AdminRole) : Caller.Local;
        if (caller is null)
        {
            refusal = responses.Problem(
                StatusCodes.Status401Unauthorized, "Not signed in", "Call the API through App Service authentication (Entra ID): no caller identity reached the app.");
            return null;
        }

        using var lease = limiter.AttemptAcquire(caller.Id);
        if (!lease.IsAcquired)
        {
            request.HttpContext.Response.Headers.RetryAfter = "60";
            refusal = responses.Problem(
                StatusCodes.Status429TooManyRequests, "Too many requests", $"At most {options.Value.RequestsPerMinute} requests a minute per caller (Api:RequestsPerMinute).");
            return null;
        }

        refusal = null;
        return caller;
    }

    public void Dispose() => limiter.Dispose();
}
