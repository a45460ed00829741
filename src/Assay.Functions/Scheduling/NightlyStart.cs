namespace Assay.Functions.Scheduling;

/// <summary>What one firing of the nightly timer did with one entry: started its run, or found it already there.</summary>
public sealed record NightlyStart(string Entry, string RunId, bool Started);
