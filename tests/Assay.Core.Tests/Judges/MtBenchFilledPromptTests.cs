using System.Text.Json;
using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Targets;
using Assay.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Tests.Judges;

/// <summary>The user messages sent for a real MT-Bench math question (id 111) with its GPT-4 reference.</summary>
public sealed class MtBenchFilledPromptTests
{
    // Braces that str.format would interpret if the answer were part of the template.
    private const string Answer1 = "The area is 3. Not {question}, not {answer}, and not }} or {{ either: {0}.";
    private const string Answer2 = "Radius sqrt(5), so the area is 5*pi. {ref_answer_1} } {";

    [Fact]
    public async Task Turn_one_is_single_math_v1_filled_verbatim()
    {
        var (evalCase, references) = Question111();
        var client = new RecordingChatClient("Rating: [[6]]");

        var scores = await Judge(evalCase, client);

        var (messages, _) = client.Calls[0];
        var prompt = MtBenchPrompts.SingleMath;
        Assert.Equal(ChatRole.System, messages[0].Role);
        Assert.Equal(prompt.SystemPrompt, messages[0].Text);
        Assert.Equal(ChatRole.User, messages[1].Role);
        var expected = Fill(prompt.PromptTemplate, ("{question}", evalCase.Turns[0]), ("{ref_answer_1}", references[0]), ("{answer}", Answer1));
        Assert.Equal(expected, messages[1].Text);
        Assert.Contains(Answer1, messages[1].Text, StringComparison.Ordinal);
        Assert.Equal(6, scores.Single(s => s.Name == "turn1").Value);
    }

    [Fact]
    public async Task Turn_two_is_single_math_v1_multi_turn_showing_both_turns()
    {
        var (evalCase, references) = Question111();
        var client = new RecordingChatClient("Rating: [[6]]");

        await Judge(evalCase, client);

        var (messages, _) = client.Calls[1];
        var prompt = MtBenchPrompts.SingleMathMultiTurn;
        Assert.Equal(prompt.SystemPrompt, messages[0].Text);
        var expected = Fill(
            prompt.PromptTemplate,
            ("{question_1}", evalCase.Turns[0]),
            ("{ref_answer_1}", references[0]),
            ("{question_2}", evalCase.Turns[1]),
            ("{ref_answer_2}", references[1]),
            ("{question_1}", evalCase.Turns[0]),
            ("{answer_1}", Answer1),
            ("{question_2}", evalCase.Turns[1]),
            ("{answer_2}", Answer2));
        Assert.Equal(expected, messages[1].Text);
    }

    private static async Task<IReadOnlyList<MetricScore>> Judge(EvalCase evalCase, RecordingChatClient client)
    {
        var answer = new TargetAnswer { CaseId = evalCase.Id, Target = "t", Turns = [Answer1, Answer2] };
        // Faithful: these tests check FastChat's filling byte for byte; the hardened slot is tested separately.
        return await new MtBenchJudge(faithful: true).JudgeAsync(evalCase, answer, new ChatConfiguration(client), CancellationToken.None);
    }

    /// <summary>
    /// Independent oracle: walks the template and replaces the placeholders in the order they occur, copying the
    /// text between them. Valid because FastChat's single templates contain no escaped braces.
    /// </summary>
    private static string Fill(string template, params (string Placeholder, string Value)[] inOrder)
    {
        Assert.DoesNotContain("{{", template, StringComparison.Ordinal);
        var result = new System.Text.StringBuilder();
        var position = 0;
        foreach (var (placeholder, value) in inOrder)
        {
            var at = template.IndexOf(placeholder, position, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{placeholder} not found after {position}");
            result.Append(template, position, at - position).Append(value);
            position = at + placeholder.Length;
        }

        Assert.DoesNotContain("{", template[position..], StringComparison.Ordinal);
        return result.Append(template, position, template.Length - position).ToString();
    }

    private static (EvalCase Case, IReadOnlyList<string> References) Question111()
    {
        var question = FindLine(Datasets.File("mt_bench", "question.jsonl"), 111);
        var reference = FindLine(Datasets.File("mt_bench", "reference_answer", "gpt-4.jsonl"), 111);
        var turns = question.GetProperty("turns").EnumerateArray().Select(t => t.GetString()!).ToList();
        var references = reference.GetProperty("choices")[0].GetProperty("turns").EnumerateArray()
            .Select(t => t.GetString()!).ToList();
        var evalCase = new EvalCase
        {
            Id = "111",
            Turns = turns,
            References = references,
            Category = question.GetProperty("category").GetString(),
        };
        Assert.Equal("math", evalCase.Category);
        return (evalCase, references);
    }

    private static JsonElement FindLine(string path, int questionId)
    {
        foreach (var line in File.ReadLines(path))
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.GetProperty("question_id").GetInt32() == questionId)
            {
                return document.RootElement.Clone();
            }
        }

        throw new InvalidOperationException($"question {questionId} is not in {path}");
    }
}
