using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary>The options of a multiple-choice question (lettered A, B, C, … in order) and its gold answer.</summary>
public sealed class MultipleChoiceContext : EvaluationContext
{
    public const string ContextName = "Multiple-choice question";

    /// <param name="choices">Option texts, in letter order.</param>
    /// <param name="gold">The correct option: a letter or the option's text.</param>
    public MultipleChoiceContext(IReadOnlyList<string> choices, string gold)
        : base(ContextName, Describe(choices, gold))
    {
        Choices = choices;
        Gold = gold;
    }

    public IReadOnlyList<string> Choices { get; }

    public string Gold { get; }

    private static AIContent[] Describe(IReadOnlyList<string> choices, string gold)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(gold);
        var lines = choices.Select((c, i) => i < 26 ? $"{ChoiceExtraction.LetterOf(i)}: {c}" : c);
        return [new TextContent(string.Join("\n", lines)), new TextContent($"gold: {gold}")];
    }
}
