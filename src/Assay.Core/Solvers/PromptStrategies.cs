namespace Assay.Core.Solvers;

/// <summary>
/// How a target is prompted: <c>plain</c> (the turn as is), <c>cot</c> (chain of thought in one call) and <c>cqot</c>
/// (Critical-Questions-of-Thought, three calls). The CoT trigger "Let's think step by step." is Kojima et al. (2022)'s
/// zero-shot phrase; every other sentence here, including the CQoT prompts, is Assay's own wording written after
/// Castagna, Sassoon and Parsons (2024): the paper's exact prompt texts were not available to copy. The questions
/// follow Toulmin's model: data (premises), warrant and backing (inferences), qualifier and rebuttal.
/// </summary>
public static class PromptStrategies
{
    public const string Plain = "plain";

    public const string ChainOfThought = "cot";

    public const string CriticalQuestions = "cqot";

    public static IReadOnlyList<string> Names { get; } = [Plain, ChainOfThought, CriticalQuestions];

    public const string CotSuffix = "Let's think step by step. Then state your final answer.";

    /// <summary>CQoT step 1: an answer whose reasoning is laid out as premises and inferences.</summary>
    public const string CqotPlanSuffix =
        "Let's think step by step. Lay out your reasoning as numbered premises (the facts and data you rely on) and the " +
        "inferences you draw from them, then state your answer.";

    /// <summary>CQoT step 2: the critical questions about the reasoning just given.</summary>
    public const string CqotQuestions =
        "Examine the reasoning in your previous answer by answering each critical question with yes or no and one sentence of justification:\n" +
        "1. Data: is every premise true and stated in, or correctly derived from, the request?\n" +
        "2. Data: are all the relevant facts of the request used, and nothing assumed that the request does not give?\n" +
        "3. Warrant: does each inference follow from its premises by a valid rule (logic, arithmetic, definition)?\n" +
        "4. Warrant: is every calculation or intermediate result correct when checked again?\n" +
        "5. Backing: is each rule you applied actually applicable in this situation?\n" +
        "6. Qualifier: is the conclusion stated with the certainty the premises support, no more?\n" +
        "7. Rebuttal: is there an exception, counterexample or alternative reading that would defeat the conclusion?\n" +
        "8. Claim: does the conclusion answer exactly what was asked?";

    /// <summary>CQoT step 3: the revised answer, which is what is judged.</summary>
    public const string CqotRevise =
        "Taking your answers to the critical questions into account, give your final answer to the original request. " +
        "Correct every mistake you found; if you found none, restate your answer. Write only the final answer.";

    public static string? Normalize(string? name) => name is null || name == Plain ? null : name;

    public static string? Problem(string name) =>
        Names.Contains(name, StringComparer.Ordinal) ? null : $"unknown strategy '{name}' (known: {string.Join(", ", Names)})";
}
