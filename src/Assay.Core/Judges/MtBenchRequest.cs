using Microsoft.Extensions.AI;

namespace Assay.Core.Judges;

/// <summary>The judge prompt and filled user message for one turn, or why none can be built.</summary>
internal sealed record MtBenchRequest(MtBenchPrompt? Prompt, ChatMessage? UserMessage, string? Warning, string? Problem)
{
    // The answer is untrusted input to the judge: fenced unless the run reproduces FastChat verbatim.
    private static string Slot(MtBenchContext context, string answer) =>
        context.Faithful ? answer : Hardening.CandidateFence.Wrap(answer);

    public static MtBenchRequest Create(MtBenchContext context)
    {
        var evalCase = context.EvalCase;
        var turn = context.TurnIndex;
        if (turn > 1)
        {
            return Fail($"MT-Bench judge prompts cover two turns; turn {turn + 1} cannot be judged");
        }

        if (evalCase.Turns.Count <= turn)
        {
            return Fail($"case {evalCase.Id} has no turn {turn + 1}");
        }

        if (context.Answers.Count <= turn)
        {
            return Fail($"no answer to turn {turn + 1}");
        }

        var references = evalCase.References;
        var hasReference = references is not null && references.Count > turn;
        var prompt = MtBenchPrompts.SelectSingle(evalCase.Category, turn, hasReference);
        string? warning = null;
        if (MtBenchPrompts.NeedsReference(evalCase.Category) && !hasReference)
        {
            var wanted = MtBenchPrompts.SelectSingle(evalCase.Category, turn, hasReference: true).Name;
            warning = $"category '{evalCase.Category}' is judged against a reference answer, but case {evalCase.Id} " +
                $"has none for turn {turn + 1}; used {prompt.Name} instead of {wanted}";
        }

        // FastChat passes ref_answer_* whenever a reference exists; str.format ignores unused keywords.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (turn == 0)
        {
            fields["question"] = evalCase.Turns[0];
            fields["answer"] = Slot(context, context.Answers[0]);
        }
        else
        {
            fields["question_1"] = evalCase.Turns[0];
            fields["question_2"] = evalCase.Turns[1];
            fields["answer_1"] = Slot(context, context.Answers[0]);
            fields["answer_2"] = Slot(context, context.Answers[1]);
        }

        if (hasReference)
        {
            for (var i = 0; i <= turn; i++)
            {
                fields[$"ref_answer_{i + 1}"] = references![i];
            }
        }

        return new MtBenchRequest(prompt, PythonFormat.Message(ChatRole.User, prompt.PromptTemplate, fields), warning, null);
    }

    private static MtBenchRequest Fail(string problem) => new(null, null, null, problem);
}
