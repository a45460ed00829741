namespace Assay.Functions.Tests;

/// <summary>A clock the test sets, for the nightly ids (per UTC day) and the purge cut-off.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
