using Assay.Core.Benchmarks;
using Microsoft.Extensions.AI;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// Arena-Hard-Auto's pairwise judge: its system prompt (v2's for the categories v2 defines, v0.1's otherwise), its
/// template with the last user turn as the prompt, temperature 0, and per version the output tokens and verdict rule
/// of its configuration: v0.1 4,096 tokens (judge_config.yaml) and v0.1's <c>get_score</c>; the v2.0 categories
/// (hard_prompt, coding, math, creative_writing) 16,000 tokens (arena-hard-v2.0.yaml) and v2's <c>get_score</c>
/// (<see cref="PairwiseVerdict.ParseArenaHardV2"/>). Arena-Hard v0.1 asks the judge once more when no label comes back;
/// Assay records the case as unscored instead, so the count of such cases is visible.
/// </summary>
public sealed class ArenaHardJudge(bool faithful = false) : PairwiseJudge(faithful)
{
    public const string JudgeName = "arena-hard";

    public override string Name => Faithful ? JudgeName + "-faithful" : JudgeName;

    /// <summary>v0.1's judge_config.yaml.</summary>
    protected override int MaxOutputTokens => 4096;

    /// <summary>arena-hard-v2.0.yaml's <c>max_tokens</c>.</summary>
    public const int V2MaxOutputTokens = 16000;

    /// <summary>The categories Arena-Hard v2.0 judges with its own settings (v0.1's questions keep v0.1's).</summary>
    public static bool IsV2Category(string? category) =>
        category is not null && category != "arena-hard-v0.1" && ArenaHardPrompts.SystemPromptsV2.ContainsKey(category);

    protected override int MaxOutputTokensFor(EvalCase evalCase) => IsV2Category(evalCase.Category) ? V2MaxOutputTokens : MaxOutputTokens;

    protected override PairwiseVerdict Parse(EvalCase evalCase, string judgment) =>
        IsV2Category(evalCase.Category) ? PairwiseVerdict.ParseArenaHardV2(judgment) : PairwiseVerdict.ParseArenaHard(judgment);

    protected override (string System, ChatMessage User) Build(EvalCase evalCase, string answerA, string answerB)
    {
        var system = evalCase.Category is { } category && ArenaHardPrompts.SystemPromptsV2.TryGetValue(category, out var v2)
            ? v2
            : ArenaHardPrompts.SystemPrompt;
        var user = PythonFormat.Message(ChatRole.User, ArenaHardPrompts.Template, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["question_1"] = evalCase.Turns[^1],
            ["answer_1"] = answerA,
            ["answer_2"] = answerB,
        });
        return (system, user);
    }

    protected override PairwiseVerdict Parse(string judgment) => PairwiseVerdict.ParseArenaHard(judgment);
}
