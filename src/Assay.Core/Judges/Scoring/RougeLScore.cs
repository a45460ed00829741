namespace Assay.Core.Judges.Scoring;

/// <summary>ROUGE-L of one prediction against one reference, as rouge-score's <c>Score(precision, recall, fmeasure)</c>.</summary>
public sealed record RougeLScore(double Precision, double Recall, double FMeasure)
{
    public static RougeLScore Zero { get; } = new(0, 0, 0);
}
