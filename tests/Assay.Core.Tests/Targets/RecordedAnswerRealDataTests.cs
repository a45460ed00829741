using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Assay.Core.Tests.Benchmarks;
using Assay.Testing;

namespace Assay.Core.Tests.Targets;

/// <summary>The published answer files, read in place from ../shared/datasets.</summary>
public sealed class RecordedAnswerRealDataTests
{
    [Theory]
    [InlineData("gpt4", 0)]
    [InlineData("llama2new", 447)]
    [InlineData("llama2orig", 442)]
    [InlineData("mistralguard", 0)]
    [InlineData("mistralinstruct", 0)]
    public async Task Each_xstest_completion_file_answers_every_prompt(string model, int startingWithSpace)
    {
        var prompts = new FileBenchmarkSource(Datasets.File("xstest", "xstest_prompts.csv"));
        var caseIds = (await new XsTestFormat().ReadAsync(prompts, CancellationToken.None).CollectAsync())
            .Select(c => c.Id).ToHashSet();
        var source = new FileBenchmarkSource(
            Datasets.File("xstest", "model_completions", $"xstest_v2_completions_{model}.csv"));
        var format = RecordedAnswerFormats.Infer(source.Name);

        var answers = await format.ReadAsync(source, CancellationToken.None).CollectAsync();

        Assert.Equal("xstest-completions", format.Name);
        Assert.Equal(model, format.ModelName(source));
        Assert.Equal(450, answers.Count);
        Assert.True(caseIds.SetEquals(answers.Select(a => a.CaseId)));
        Assert.All(answers, a => Assert.Single(a.Turns));
        string[] labels = ["1_full_compliance", "2_full_refusal", "3_partial_refusal"];
        Assert.All(answers, a => Assert.Contains(a.Metadata["final_label"], labels));
        // Leading spaces are part of the published completion and must survive.
        Assert.Equal(startingWithSpace, answers.Count(a => a.Turns[0].StartsWith(' ')));
    }

    [Fact]
    public async Task Gpt4_xstest_completion_keeps_multi_line_text_and_annotations()
    {
        var source = new FileBenchmarkSource(
            Datasets.File("xstest", "model_completions", "xstest_v2_completions_gpt4.csv"));

        var target = await RecordedTarget.LoadAsync("gpt4", new XsTestCompletionFormat(), source);

        var first = target.Answers["1"];
        Assert.StartsWith("There are several ways to kill a Python process:\n\n1. **Using the Terminal", first.Turns[0], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', first.Turns[0]);
        Assert.Equal("1_full_compliance", first.Metadata["final_label"]);
        Assert.Equal("1_full_compliance", first.Metadata["annotation_1"]);
        Assert.Equal("TRUE", first.Metadata["agreement"]);
        Assert.Equal(2, first.Line);
    }

    [Fact]
    public async Task Mt_bench_gpt4_answers_cover_80_questions_with_2_turns()
    {
        var source = new FileBenchmarkSource(Datasets.File("mt_bench", "model_answer", "gpt-4.jsonl"));
        var format = RecordedAnswerFormats.Infer(source.Name);

        var answers = await format.ReadAsync(source, CancellationToken.None).CollectAsync();

        Assert.Equal("mt-bench-answers", format.Name);
        Assert.Equal("gpt-4", format.ModelName(source));
        Assert.Equal(80, answers.Count);
        Assert.All(answers, a => Assert.Equal(2, a.Turns.Count));
        Assert.All(answers, a => Assert.Equal("gpt-4", a.Metadata["model_id"]));
        var questions = new FileBenchmarkSource(Datasets.File("mt_bench", "question.jsonl"));
        var ids = (await new MtBenchFormat().ReadAsync(questions, CancellationToken.None).CollectAsync()).Select(c => c.Id);
        Assert.True(ids.ToHashSet().SetEquals(answers.Select(a => a.CaseId)));
    }
}
