namespace Assay.Core.Benchmarks;

/// <summary>
/// Caps every benchmark reader applies (configuration section <c>Readers</c>): a physical line longer than
/// <see cref="MaxLineBytes"/> is rejected while it is being read, before it is held whole, and a case whose text
/// (turns, references, choices, documents) is larger than <see cref="MaxCaseBytes"/> is rejected naming its field. So
/// one huge case costs at most about the cap in memory, not a multiple of the case. Hosts set <see cref="Current"/> once
/// at start-up from their configuration; readers take it unless given their own.
/// </summary>
public sealed record ReaderLimits(long MaxLineBytes, long MaxCaseBytes)
{
    public const string Section = "Readers";

    /// <summary>16 MiB each: far above any published benchmark's longest case (a long-context prompt of ~1M tokens is ~4 MB).</summary>
    public static ReaderLimits Default { get; } = new(16L * 1024 * 1024, 16L * 1024 * 1024);

    /// <summary>The process's limits; set by the host at start-up (see <c>ReaderLimitsConfiguration</c>).</summary>
    public static ReaderLimits Current { get; set; } = Default;

    /// <summary>Why these limits are unusable, or null: zero and negative limits are errors, never clamped.</summary>
    public string? Problem() =>
        MaxLineBytes <= 0 ? $"{Section}:MaxLineBytes must be a positive number of bytes (got {MaxLineBytes})"
        : MaxCaseBytes <= 0 ? $"{Section}:MaxCaseBytes must be a positive number of bytes (got {MaxCaseBytes})"
        : null;
}
