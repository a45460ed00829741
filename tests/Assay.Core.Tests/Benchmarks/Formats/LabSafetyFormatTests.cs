using Assay.Core.Benchmarks;
using Assay.Core.Benchmarks.Formats;
using Assay.Testing;

namespace Assay.Core.Tests.Benchmarks.Formats;

public sealed class LabSafetyFormatTests : IDisposable
{
    private const string Instruction = "Answer the following lab safety multiple-choice question.";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task The_shared_training_file_gives_316_four_option_questions_with_their_keys()
    {
        var path = Datasets.File("labsafety_bench", "text_qa_train.json");
        var cases = await FormatTestKit.ReadAsync(BenchmarkFormats.Infer(path), path);

        Assert.Equal(316, cases.Count);
        Assert.All(cases, c => Assert.Equal(4, c.Choices!.Count));
        Assert.All(cases, c => Assert.All(c.Choices!, o => Assert.DoesNotMatch(@"\\n|\n|^\s|\s$|,$", o)));
        // Key counts of the published file: B 124, C 80, A 57, D 55.
        Assert.Equal(
            [("A", 57), ("B", 124), ("C", 80), ("D", 55)],
            cases.GroupBy(c => c.References![0]).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())));
        Assert.Equal(["0", "315"], [cases[0].Id, cases[^1].Id]);
        Assert.All(cases, c => Assert.Null(c.Category));
    }

    [Fact]
    public async Task Options_separated_by_commas_and_by_newlines_render_alike()
    {
        var cases = await FormatTestKit.ReadAsync(new LabSafetyFormat(), Datasets.File("labsafety_bench", "text_qa_train.json"));

        // Item 0 has its options on separate lines, item 1 on one line separated by ", ".
        Assert.Equal(["Balance weights", "Gas cylinders", "Chemical reaction apparatus", "Small chemical bottles"], cases[0].Choices);
        Assert.Equal("Unintentional laser exposure causing retinal injuries", cases[1].Choices![1]);
        foreach (var evalCase in new[] { cases[0], cases[1] })
        {
            var prompt = evalCase.Turns.Single();
            Assert.Contains("\nA: " + evalCase.Choices![0] + "\nB: " + evalCase.Choices[1] + "\nC: ", prompt, StringComparison.Ordinal);
            Assert.EndsWith(LabSafetyFormat.AnswerFormatLine + "\nStep-by-Step analysis:", prompt, StringComparison.Ordinal);
        }

        // "Category A, B: Category C, select agents" splits at the first B:.
        Assert.Equal(["Category A", "Category C, select agents"], cases[16].Choices!.Take(2));
    }

    [Fact]
    public async Task Input_without_four_options_names_its_line_and_field()
    {
        var path = temp.Write("qa.json", $$"""
            [
              {"instruction": "{{Instruction}}", "input": "Question: Q?\nA: x\nB: y\nC: z\nD: w\nStep-by-Step analysis:", "output": "Final Answer: C"},
              {"instruction": "{{Instruction}}", "input": "Question: Q?\nA: x\nB: y\nStep-by-Step analysis:", "output": "Final Answer: A"}
            ]
            """);

        var ex = await FormatTestKit.FailsAsync(new LabSafetyFormat(), path);

        Assert.Equal((path, 3L, "input"), (ex.File, ex.Line, ex.Field));
    }

    [Fact]
    public async Task Output_without_a_final_answer_is_an_error_on_output()
    {
        var path = temp.Write("qa.json", $$"""
            [{"instruction": "{{Instruction}}", "input": "Question: Q?\nA: x\nB: y\nC: z\nD: w\nStep-by-Step analysis:", "output": "The answer is probably E."}]
            """);

        var ex = await FormatTestKit.FailsAsync(new LabSafetyFormat(), path);

        Assert.Equal((1L, "output"), (ex.Line, ex.Field));
        Assert.Contains("Final Answer", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_type_and_malformed_json_name_the_line()
    {
        var wrongType = temp.Write("a.json", """[{"instruction": 5, "input": "x", "output": "y"}]""");
        var malformed = temp.Write("b.json", "[\n{\"instruction\": \"i\",\n \"input\": }\n]");

        var typeError = await FormatTestKit.FailsAsync(new LabSafetyFormat(), wrongType);
        var syntaxError = await FormatTestKit.FailsAsync(new LabSafetyFormat(), malformed);

        Assert.Equal((1L, "instruction", "expected a string, found a number"), (typeError.Line, typeError.Field, typeError.Problem));
        Assert.Equal(3L, syntaxError.Line);
        Assert.StartsWith("malformed JSON", syntaxError.Problem, StringComparison.Ordinal);
    }
}
