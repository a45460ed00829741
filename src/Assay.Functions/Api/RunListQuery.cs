using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Assay.Functions.Api;

/// <summary><c>GET /api/runs?status=running,failed&amp;top=20</c>: which runs to list, read from the query string.</summary>
public sealed record RunListQuery(IReadOnlyList<OrchestrationRuntimeStatus> Statuses, int Top)
{
    public const int DefaultTop = 20;

    public const int MaxTop = 100;

    /// <summary>Runs older than this are not listed (they may still be read by id until purged).</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromDays(31);

    public static IReadOnlyList<string> StatusNames { get; } =
        [.. new[] { OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
                    OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated }
            .Select(RunViews.StatusName)];

    /// <returns>The query, or null with <paramref name="problem"/> set.</returns>
    public static RunListQuery? Parse(IQueryCollection query, out string? problem)
    {
        problem = null;
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var value in query["status"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var index = StatusNames.ToList().FindIndex(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
            if (index < 0 || !Enum.TryParse<OrchestrationRuntimeStatus>(StatusNames[index], ignoreCase: true, out var status))
            {
                problem = $"status: one or more of {string.Join(", ", StatusNames)}";
                return null;
            }

            statuses.Add(status);
        }

        var top = DefaultTop;
        if (query.TryGetValue("top", out var topText)
            && (!int.TryParse(topText.ToString(), out top) || top is < 1 or > MaxTop))
        {
            problem = $"top: a number from 1 to {MaxTop}";
            return null;
        }

        return new RunListQuery(statuses, top);
    }
}
