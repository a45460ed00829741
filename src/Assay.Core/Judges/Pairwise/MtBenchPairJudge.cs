using Assay.Core.Benchmarks;
using Microsoft.Extensions.AI;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// MT-Bench's pairwise judge as FastChat's <c>gen_judgment.py --mode pairwise-baseline</c> runs it: turn 1 with
/// <c>pair-v2</c> (<c>pair-math-v1</c> with the reference for math, reasoning and coding), and for a two-turn question
/// turn 2 as a separate judgment with <c>pair-v2-multi-turn</c> (<c>pair-math-v1-multi-turn</c>), which shows both
/// conversations whole. FastChat's [[A]] / [[B]] / [[C]] parsing and swap rule apply to each turn; turn 2's metrics
/// are <c>win_turn2</c>, <c>consistent_turn2</c>, <c>verdict1_turn2</c>, <c>verdict2_turn2</c>.
/// </summary>
public sealed class MtBenchPairJudge(bool faithful = false) : PairwiseJudge(faithful)
{
    public const string JudgeName = "mt-bench-pair";

    public override string Name => Faithful ? JudgeName + "-faithful" : JudgeName;

    // FastChat's judge calls use max_tokens=2048.
    protected override int MaxOutputTokens => 2048;

    protected override IReadOnlyList<int> JudgedTurns(EvalCase evalCase) => evalCase.Turns.Count >= 2 ? [0, 1] : [0];

    protected override (string System, ChatMessage User) Build(EvalCase evalCase, string answerA, string answerB) =>
        Build(evalCase, 0, [answerA], [answerB]);

    protected override (string System, ChatMessage User) Build(EvalCase evalCase, int turn, IReadOnlyList<string> answersA, IReadOnlyList<string> answersB)
    {
        // FastChat passes the references whenever the category needs them; the math template cannot be filled without.
        var withReference = MtBenchPrompts.NeedsReference(evalCase.Category) && evalCase.References is { } refs && refs.Count > turn;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        MtBenchPrompt prompt;
        if (turn == 0)
        {
            prompt = MtBenchPrompts.Get(withReference ? "pair-math-v1" : "pair-v2");
            fields["question"] = evalCase.Turns[0];
            fields["answer_a"] = answersA[0];
            fields["answer_b"] = answersB[0];
        }
        else
        {
            prompt = MtBenchPrompts.Get(withReference ? "pair-math-v1-multi-turn" : "pair-v2-multi-turn");
            fields["question_1"] = evalCase.Turns[0];
            fields["question_2"] = evalCase.Turns[1];
            fields["answer_a_1"] = answersA[0];
            fields["answer_b_1"] = answersB[0];
            fields["answer_a_2"] = answersA[1];
            fields["answer_b_2"] = answersB[1];
        }

        if (withReference)
        {
            for (var i = 0; i <= turn; i++)
            {
                fields[$"ref_answer_{i + 1}"] = evalCase.References![i];
            }
        }

        return (prompt.SystemPrompt, PythonFormat.Message(ChatRole.User, prompt.PromptTemplate, fields));
    }

    protected override PairwiseVerdict Parse(string judgment) => PairwiseVerdict.ParseMtBench(judgment);
}
