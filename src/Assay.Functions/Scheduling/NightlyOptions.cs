namespace Assay.Functions.Scheduling;

/// <summary>
/// The nightly schedule's entries by name (configuration section <c>Nightly</c>). When the timer fires
/// (<c>%NightlySchedule%</c>, NCRONTAB), each entry starts once per UTC day.
/// </summary>
public sealed class NightlyOptions
{
    public const string Section = "Nightly";

    public Dictionary<string, NightlyEntry> Entries { get; } = new(StringComparer.OrdinalIgnoreCase);
}
