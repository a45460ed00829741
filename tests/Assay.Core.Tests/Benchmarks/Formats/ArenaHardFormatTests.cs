using Assay.Core.Benchmarks;
using Assay.Core.Benchmarks.Formats;
using Assay.Core.Targets;
using Assay.Testing;

namespace Assay.Core.Tests.Benchmarks.Formats;

public sealed class ArenaHardFormatTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task V01_gives_500_questions_in_250_clusters()
    {
        var path = Datasets.File("arena_hard_auto", "arena-hard-v0.1", "question.jsonl");
        var cases = await FormatTestKit.ReadAsync(BenchmarkFormats.Infer(path), path);

        Assert.Equal(500, cases.Count);
        Assert.All(cases, c => Assert.Equal("arena-hard-v0.1", c.Category));
        Assert.Equal(250, cases.Select(c => c.Metadata["cluster"]).Distinct().Count());
        Assert.Equal(("328c149ed45a41c0b9d6f14659e63599", "Use ABC notation to write a melody in the style of a folk tune."), (cases[0].Id, cases[0].Turns.Single()));
    }

    [Fact]
    public async Task V20_gives_750_questions_by_category_with_subcategories()
    {
        var path = Datasets.File("arena_hard_auto", "arena-hard-v2.0", "question.jsonl");
        var cases = await FormatTestKit.ReadAsync(BenchmarkFormats.Infer(path), path);

        Assert.Equal(750, cases.Count);
        Assert.Equal([("creative_writing", 250), ("hard_prompt", 500)], cases.GroupBy(c => c.Category!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())));
        Assert.Equal([("coding", 253), ("creative_writing", 250), ("math", 247)], cases.GroupBy(c => c.Metadata["subcategory"]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())));
    }

    [Theory]
    [InlineData("data/arena-hard-v0.1/question.jsonl", "arena-hard")]
    [InlineData("arena_hard_auto/arena-hard-v2.0/question.jsonl", "arena-hard")]
    [InlineData("data/mt_bench/question.jsonl", "mt-bench")]
    public void Question_jsonl_is_told_apart_by_its_folder(string path, string format) =>
        Assert.Equal(format, BenchmarkFormats.Infer(path).Name);

    [Fact]
    public async Task Every_published_model_answer_joins_to_its_question()
    {
        foreach (var (version, count) in new[] { ("arena-hard-v0.1", 500), ("arena-hard-v2.0", 750) })
        {
            var questions = await FormatTestKit.ReadAsync(new ArenaHardFormat(), Datasets.File("arena_hard_auto", version, "question.jsonl"));
            foreach (var file in Directory.GetFiles(Datasets.File("arena_hard_auto", version, "model_answer"), "*.jsonl"))
            {
                var format = RecordedAnswerFormats.Infer(file);
                var target = await RecordedTarget.LoadAsync(format.ModelName(new FileBenchmarkSource(file))!, format, new FileBenchmarkSource(file));

                Assert.Equal(ArenaHardAnswerFormat.FormatName, format.Name);
                Assert.Equal(count, target.Answers.Count);
                foreach (var question in questions)
                {
                    var answer = await target.AnswerAsync(question, CancellationToken.None);
                    Assert.Null(answer.Error);
                    Assert.False(string.IsNullOrWhiteSpace(answer.Turns.Single()));
                }
            }
        }
    }

    [Fact]
    public async Task The_first_v01_shapes_are_read_too()
    {
        var questions = temp.Write("arena-hard-v0.1/question.jsonl",
            """{"question_id": "q1", "category": "arena-hard-v0.1", "cluster": "c", "turns": [{"content": "Hi?"}]}""" + "\n");
        var answers = temp.Write("arena-hard-v0.1/model_answer/m.jsonl",
            """{"question_id": "q1", "model_id": "m", "choices": [{"index": 0, "turns": [{"content": "Hello.", "token_len": 2}]}]}""" + "\n");

        var evalCase = Assert.Single(await FormatTestKit.ReadAsync(BenchmarkFormats.Infer(questions), questions));
        var target = await RecordedTarget.LoadAsync("m", RecordedAnswerFormats.Infer(answers), new FileBenchmarkSource(answers));

        Assert.Equal(("q1", "Hi?", "c"), (evalCase.Id, evalCase.Turns.Single(), evalCase.Metadata["cluster"]));
        Assert.Equal("Hello.", (await target.AnswerAsync(evalCase, CancellationToken.None)).Turns.Single());
    }

    [Fact]
    public async Task Bad_questions_name_line_and_field()
    {
        var missing = temp.Write("a/question.jsonl", "{\"uid\": \"1\", \"category\": \"c\", \"prompt\": \"p\"}\n{\"uid\": \"2\", \"category\": \"c\"}\n");
        var wrongType = temp.Write("b/question.jsonl", "{\"uid\": \"1\", \"category\": 7, \"prompt\": \"p\"}\n");
        var malformed = temp.Write("c/question.jsonl", "{\"uid\": \"1\", \"category\": \"c\", \"prompt\": \"p\"}\n{\"uid\": \n");

        var missingError = await FormatTestKit.FailsAsync(new ArenaHardFormat(), missing);
        var typeError = await FormatTestKit.FailsAsync(new ArenaHardFormat(), wrongType);
        var syntaxError = await FormatTestKit.FailsAsync(new ArenaHardFormat(), malformed);

        Assert.Equal((2L, "prompt", "missing required field"), (missingError.Line, missingError.Field, missingError.Problem));
        Assert.Equal((1L, "category"), (typeError.Line, typeError.Field));
        Assert.Equal((2L, (string?)null), (syntaxError.Line, syntaxError.Field));
    }

    [Fact]
    public async Task Bad_answers_name_the_message_field()
    {
        var noAssistant = temp.Write("a.jsonl", "{\"uid\": \"1\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}\n");
        var badContent = temp.Write("b.jsonl", "{\"uid\": \"1\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}, {\"role\": \"assistant\", \"content\": {\"text\": \"x\"}}]}\n");

        var first = await Assert.ThrowsAsync<BenchmarkFormatException>(() => RecordedTarget.LoadAsync("m", new ArenaHardAnswerFormat(), new FileBenchmarkSource(noAssistant)));
        var second = await Assert.ThrowsAsync<BenchmarkFormatException>(() => RecordedTarget.LoadAsync("m", new ArenaHardAnswerFormat(), new FileBenchmarkSource(badContent)));

        Assert.Equal((1L, "messages", "no assistant message"), (first.Line, first.Field, first.Problem));
        Assert.Equal((1L, "messages[1].content.answer"), (second.Line, second.Field));
    }
}
