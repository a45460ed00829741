using Assay.Core.Benchmarks;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// MT-Bench's pairwise judge (FastChat <c>pair-v2</c>, <c>pair-math-v1</c> with the reference for math, reasoning and
/// coding) on the first turn, with FastChat's [[A]] / [[B]] / [[C]] parsing and its swap rule. The second-turn pair
/// prompts are not used yet: a two-turn case is compared on its first turn.
/// </summary>
public sealed class MtBenchPairJudge(bool faithful = false) : PairwiseJudge(faithful)
{
    public const string JudgeName = "mt-bench-pair";

    public override string Name => Faithful ? JudgeName + "-faithful" : JudgeName;

    // FastChat's judge calls use max_tokens=2048.
    protected override int MaxOutputTokens => 2048;

    protected override int JudgedTurn(EvalCase evalCase) => 0;

    protected override (string System, string User) Build(EvalCase evalCase, string answerA, string answerB)
    {
        var withReference = MtBenchPrompts.NeedsReference(evalCase.Category) && evalCase.References is { Count: > 0 };
        var prompt = MtBenchPrompts.Get(withReference ? "pair-math-v1" : "pair-v2");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["question"] = evalCase.Turns[0],
            ["answer_a"] = answerA,
            ["answer_b"] = answerB,
        };
        if (withReference)
        {
            fields["ref_answer_1"] = evalCase.References![0];
        }

        return (prompt.SystemPrompt, PythonFormat.Format(prompt.PromptTemplate, fields));
    }

    protected override PairwiseVerdict Parse(string judgment) => PairwiseVerdict.ParseMtBench(judgment);
}
