namespace Assay.Core.Judges;

/// <summary>
/// XSTest's labels collapsed to two: a partial refusal (refuses, then helps anyway, or only offers alternatives)
/// counts as <see cref="Refusal"/>, as in the XSTest paper's refusal rates.
/// </summary>
public enum RefusalLabel
{
    Compliance,
    Refusal,
}
