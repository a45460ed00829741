using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// LabSafety Bench text MCQs as its repository publishes them (<c>llamafactory_data/text_qa_train.json</c>): a JSON
/// array of <c>{instruction, input, output}</c> where <c>input</c> holds "Question: … A: … B: … C: … D: …
/// Step-by-Step analysis:" and the key is the "Final Answer: X" that ends <c>output</c>. The options are separated
/// by newlines in some items, by ", " or a literal <c>\n</c> in others; they are parsed into
/// <see cref="EvalCase.Choices"/> and rendered one way (<see cref="RenderPrompt"/>) so every item reads alike.
/// The file has no ids and no categories: a case's id is its 0-based position, and it has no category.
/// </summary>
public sealed partial class LabSafetyFormat : ILocatedBenchmarkFormat
{
    public const string FormatName = "labsafety";

    /// <summary>
    /// Assay's own sentence (not LabSafety Bench's), appended so that an answer ends in the same "Final Answer: X"
    /// form as the published outputs and the choice can be read back reliably.
    /// </summary>
    public const string AnswerFormatLine = "Finish with a line \"Final Answer: X\", where X is A, B, C or D.";

    public string Name => FormatName;

    public string IdField => "(position)";

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    public BenchmarkManifest DefaultManifest(string sourceName) =>
        new(FormatName, FormatName, DefaultJudge: "multiple-choice", BatchSize: 25);

    public IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken) =>
        LocatedCases.WithoutLines(ReadLocatedAsync(source, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0L;
        await foreach (var record in NativeRecords.JsonArrayAsync(source, cancellationToken).ConfigureAwait(false))
        {
            var instruction = NativeRecords.RequiredText(record, "instruction");
            var input = NativeRecords.RequiredText(record, "input");
            var question = QuestionPattern().Match(input);
            if (!question.Success)
            {
                throw record.Error("input", "expected \"Question: … A: … B: … C: … D: … Step-by-Step analysis:\"");
            }

            var output = record.RequiredString("output");
            var keys = KeyPattern().Matches(output);
            if (keys.Count != 1)
            {
                throw record.Error("output", keys.Count == 0
                    ? "no \"Final Answer: X\" (X one of A-D) holds the answer key"
                    : $"{keys.Count} \"Final Answer:\" lines; expected exactly one");
            }

            string[] choices = [.. "abcd".Select(g => question.Groups[g.ToString()].Value.Trim())];
            var evalCase = new EvalCase
            {
                Id = NativeRecords.Invariant(index++),
                Turns = [RenderPrompt(instruction, question.Groups["q"].Value.Trim(), choices)],
                Choices = choices,
                References = [keys[0].Groups[1].Value],
            };
            yield return new LocatedCase(evalCase, record.Line);
        }
    }

    /// <summary>The instruction, the question and one "X: option" line per choice, then <see cref="AnswerFormatLine"/>.</summary>
    public static string RenderPrompt(string instruction, string question, IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var options = string.Concat(choices.Select((c, i) => $"{(char)('A' + i)}: {c}\n"));
        return $"{instruction}\n\nQuestion: {question}\n{options}{AnswerFormatLine}\nStep-by-Step analysis:";
    }

    // An option letter counts only at the start of a token (after white space, punctuation or a literal "\n"), and
    // the lazy groups take the first A:, B:, C:, D: in order, so "Category A, B: Category C" splits correctly.
    [GeneratedRegex("""
        ^\s*Question:\s*(?<q>.+?)[\s,;]*(?:\\n)?\s*(?:(?<=\\n)|(?<![A-Za-z0-9]))A:\s*(?<a>.+?)[\s,;]*(?:\\n)?\s*(?:(?<=\\n)|(?<![A-Za-z0-9]))B:\s*(?<b>.+?)[\s,;]*(?:\\n)?\s*(?:(?<=\\n)|(?<![A-Za-z0-9]))C:\s*(?<c>.+?)[\s,;]*(?:\\n)?\s*(?:(?<=\\n)|(?<![A-Za-z0-9]))D:\s*(?<d>.+?)[\s,;]*(?:\\n)?\s*Step-by-Step analysis:\s*$
        """, RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionPattern();

    [GeneratedRegex(@"Final Answer:\s*\**\s*([A-D])\b", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
