namespace Assay.Functions.Intake;

/// <summary>What the blob trigger did with one upload.</summary>
public sealed record IntakeOutcome(string Blob, IntakeDecision Decision, string? RunId = null, string? Problem = null);
