using System.ComponentModel.DataAnnotations;

namespace Assay.Functions.Scheduling;

/// <summary>
/// How long Durable history of finished runs is kept (configuration section <c>Purge</c>). Reports and per-case
/// results stay in blob storage; only orchestration history and status are purged.
/// </summary>
public sealed class PurgeOptions
{
    public const string Section = "Purge";

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);
}
