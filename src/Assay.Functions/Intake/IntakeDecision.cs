namespace Assay.Functions.Intake;

public enum IntakeDecision
{
    /// <summary>Under a prefix the trigger leaves alone (local runner uploads, recorded answers, related files).</summary>
    Ignored,

    /// <summary>Invalid: moved to the rejected container with its error file.</summary>
    Rejected,

    /// <summary>Valid, and this delivery started its run.</summary>
    Started,

    /// <summary>Valid, and its run already existed (a redelivered event for the same blob version).</summary>
    AlreadyStarted,
}
