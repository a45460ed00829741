using Assay.Core.Judges.Catalogue;
using System.Text.Json;
using Assay.Core.Benchmarks;
using Assay.Core.Benchmarks.Formats;
using Assay.Core.Judges;
using Assay.Core.Judges.Scoring;
using Assay.Core.Targets;
using Assay.Testing;

namespace Assay.Core.Tests.Judges.Scoring;

/// <summary>
/// The multiple-choice judge end to end on real LabSafety Bench items (../shared/datasets/labsafety_bench,
/// text_qa_train.json: question and options in <c>input</c>, the key as "Final Answer: X" inside <c>output</c>).
/// The items are read with the <c>labsafety</c> benchmark format.
/// </summary>
public sealed class LabSafetyMultipleChoiceTests
{
    private static readonly Lazy<List<(EvalCase Case, string Output)>> Items = new(Load);

    [Fact]
    public void All_items_parse_into_four_options_and_a_key()
    {
        Assert.Equal(316, Items.Value.Count);
        Assert.All(Items.Value, item => Assert.Equal(4, item.Case.Choices!.Count));
    }

    [Fact]
    public async Task The_published_step_by_step_outputs_all_score_as_correct()
    {
        var judge = JudgeCatalogue.CreateCaseJudge(ScoringJudges.MultipleChoice);
        var values = new List<double?>();
        foreach (var (evalCase, output) in Items.Value)
        {
            values.Add(Assert.Single(await judge.JudgeAsync(evalCase, Answer(output), null, CancellationToken.None)).Value);
        }

        Assert.All(values, v => Assert.Equal(1, v));
    }

    [Fact]
    public async Task Simulated_answers_score_right_wrong_or_unparseable()
    {
        var judge = JudgeCatalogue.CreateCaseJudge(ScoringJudges.MultipleChoice);
        var scores = new List<double?>();
        foreach (var (evalCase, _) in Items.Value.Take(12))
        {
            var gold = evalCase.References![0][0] - 'A';
            var wrong = (char)('a' + ((gold + 1) % 4));
            string[] answers =
            [
                $"Let me think step by step.\nOption {(char)('A' + ((gold + 2) % 4))} seems plausible at first.\nThe answer is ({evalCase.References[0]}).",
                $"I'd go with option {wrong}.",
                evalCase.Choices![gold],
                "I'm sorry, I can't help with lab procedures.",
            ];
            foreach (var answer in answers)
            {
                scores.Add(Assert.Single(await judge.JudgeAsync(evalCase, Answer(answer), null, CancellationToken.None)).Value);
            }
        }

        // Per item: right (1), wrong (0), option text (1), refusal (unscored): accuracy 2/3 over scored, 12 unscored.
        Assert.Equal(12, scores.Count(s => s is null));
        Assert.Equal(2.0 / 3, scores.OfType<double>().Average(), 12);
    }

    private static TargetAnswer Answer(string text) => new() { CaseId = "x", Target = "sim", Turns = [text] };

    // The cases come from the labsafety format; the published outputs, which the format does not keep, are read
    // beside them from the same file in the same order.
    private static List<(EvalCase, string)> Load()
    {
        var path = Datasets.File("labsafety_bench", "text_qa_train.json");
        var cases = BenchmarkValidator.ReadValidatedAsync(new LabSafetyFormat(), new FileBenchmarkSource(path)).ToBlockingEnumerable().ToList();
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var outputs = document.RootElement.EnumerateArray().Select(item => item.GetProperty("output").GetString()!).ToList();
        Assert.Equal(outputs.Count, cases.Count);
        return [.. cases.Zip(outputs)];
    }
}
