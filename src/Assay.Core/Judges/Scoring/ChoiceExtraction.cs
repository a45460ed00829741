namespace Assay.Core.Judges.Scoring;

/// <summary>
/// The option a response chose: <see cref="Index"/> (0 = A) and the rule that found it in <see cref="Explanation"/>,
/// or a null index with the reason none could be taken (refusal, no answer, two answers, a letter out of range).
/// </summary>
public sealed record ChoiceExtraction(int? Index, string Explanation)
{
    public string? Letter => Index is { } index ? LetterOf(index) : null;

    public static string LetterOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 25);
        return ((char)('A' + index)).ToString();
    }

    internal static ChoiceExtraction Found(int index, string rule) => new(index, $"{rule}: {LetterOf(index)}");

    internal static ChoiceExtraction None(string problem) => new(null, problem);
}
