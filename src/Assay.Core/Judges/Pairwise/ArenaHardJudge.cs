using Assay.Core.Benchmarks;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// Arena-Hard-Auto's pairwise judge: its system prompt (v2's for the categories v2 defines, v0.1's otherwise), its
/// template with the last user turn as the prompt, temperature 0 and 4,096 output tokens as in judge_config.yaml, and
/// its five labels. Arena-Hard asks the judge once more when no label comes back; Assay records the case as unscored
/// instead, so the count of such cases is visible.
/// </summary>
public sealed class ArenaHardJudge(bool faithful = false) : PairwiseJudge(faithful)
{
    public const string JudgeName = "arena-hard";

    public override string Name => Faithful ? JudgeName + "-faithful" : JudgeName;

    protected override int MaxOutputTokens => 4096;

    protected override (string System, string User) Build(EvalCase evalCase, string answerA, string answerB)
    {
        var system = evalCase.Category is { } category && ArenaHardPrompts.SystemPromptsV2.TryGetValue(category, out var v2)
            ? v2
            : ArenaHardPrompts.SystemPrompt;
        var user = PythonFormat.Format(ArenaHardPrompts.Template, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["question_1"] = evalCase.Turns[^1],
            ["answer_1"] = answerA,
            ["answer_2"] = answerB,
        });
        return (system, user);
    }

    protected override PairwiseVerdict Parse(string judgment) => PairwiseVerdict.ParseArenaHard(judgment);
}
