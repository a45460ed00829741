namespace Assay.Core.Judges;

/// <summary>One line of FastChat's <c>judge_prompts.jsonl</c>, kept verbatim.</summary>
/// <param name="Name">Prompt name, e.g. <c>single-v1</c> or <c>single-math-v1-multi-turn</c>.</param>
/// <param name="Type"><c>single</c> (one answer rated 1-10) or <c>pairwise</c>.</param>
/// <param name="SystemPrompt">Sent as the system message.</param>
/// <param name="PromptTemplate">Python <c>str.format</c> template of the user message.</param>
/// <param name="OutputFormat">Verdict format the parser expects, <c>[[rating]]</c> for single prompts.</param>
public sealed record MtBenchPrompt(
    string Name, string Type, string SystemPrompt, string PromptTemplate, string OutputFormat)
{
    /// <summary>True for the multi-turn templates, which show both turns and judge the second.</summary>
    public bool IsMultiTurn => Name.EndsWith("-multi-turn", StringComparison.Ordinal);

    /// <summary>True for the templates that show reference answers (<c>{ref_answer_1}</c>).</summary>
    public bool UsesReference => PromptTemplate.Contains("{ref_answer_1}", StringComparison.Ordinal);
}
