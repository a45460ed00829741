using Assay.Durable.Contracts;
using Assay.Durable.Runs;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>Bad input stops the built <c>assay run</c> at once, exit code 2, one line naming file, line and field, before storage starts.</summary>
public sealed class RunCommandInputTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-input-").FullName;
    private readonly FrontDoor.CliProcess cli = new();

    [Theory]
    [InlineData("{\"question_id\": 1, \"category\": \"x\", \"turns\": [\"a\"]}\n{\"question_id\": 2, \"category\": \"x\"}\n", ":2: field 'turns'")]
    [InlineData("{\"question_id\": 1, \"category\": \"x\", \"turns\": [\"a\"]}\n{\"question_id\": 1, \"category\": \"x\", \"turns\": [\"b\"]}\n", ":2: field 'question_id'")]
    [InlineData("{\"question_id\": 1, \"category\": \"x\", \"turns\": [\"a\"]}\n{\"question_id\": 2, \n", ":2: malformed JSON")]
    [InlineData("", "no cases")]
    public async Task A_bad_benchmark_exits_2_naming_file_line_and_field(string content, string expected)
    {
        var file = Path.Combine(work, "question.jsonl");
        await File.WriteAllTextAsync(file, content);

        var (exit, _, errors) = await RunAsync("--benchmark", file, "--target", "null");

        Assert.Equal(2, exit);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {file}", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_UTF8_is_reported_on_its_line()
    {
        var file = Path.Combine(work, "question.jsonl");
        await File.WriteAllBytesAsync(file, [.. "{\"question_id\": 1, \"category\": \"x\", \"turns\": [\"a\"]}\n{\"question_id\": 2, \"category\": \"x\", \"turns\": [\""u8, 0xC3, 0x28, .. "\"]}\n"u8]);

        var (exit, _, errors) = await RunAsync("--benchmark", file, "--target", "null");

        Assert.Equal(2, exit);
        Assert.Contains($"{file}:2", errors, StringComparison.Ordinal);
        Assert.Contains("UTF-8", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_endpoint_exits_2_listing_the_configured_ones()
    {
        var config = Path.Combine(work, "settings.json");
        await File.WriteAllTextAsync(config, """{ "Values": { "Endpoints__judge__Kind": "OpenAICompatible", "Endpoints__judge__BaseUrl": "http://127.0.0.1:9/v1", "Endpoints__judge__Model": "m" } }""");

        var (exit, _, errors) = await RunAsync("--benchmark", Datasets.File("mt_bench", "question.jsonl"), "--target", "gpt-5", "--judge", "mt-bench:judge", "--config", config);

        Assert.Equal(2, exit);
        Assert.Contains("--target gpt-5: no endpoint named 'gpt-5' in configuration (known: judge)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arena_without_a_pairwise_judge_exits_2_before_anything_runs()
    {
        var (exit, _, errors) = await RunAsync("--benchmark", Datasets.File("mt_bench", "question.jsonl"), "--target", "null", "--target", "refuse", "--judge", "refusal", "--arena");

        Assert.Equal(2, exit);
        Assert.Contains("--arena: an arena run judges pairs of targets: it needs a pairwise judge (arena-hard", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arena_with_a_baseline_exits_2()
    {
        var config = Path.Combine(work, "settings.json");
        await File.WriteAllTextAsync(config, """{ "Values": { "Endpoints__judge__Kind": "OpenAICompatible", "Endpoints__judge__BaseUrl": "http://127.0.0.1:9/v1", "Endpoints__judge__Model": "m" } }""");

        var (exit, _, errors) = await RunAsync(
            "--benchmark", Datasets.File("mt_bench", "question.jsonl"), "--target", "null", "--target", "refuse", "--judge", "arena-hard:judge", "--config", config, "--arena", "--baseline", "null");

        Assert.Equal(2, exit);
        Assert.Contains("--arena: an arena run compares every pair of targets, so it takes no baseline ('null')", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_shard_size_exits_2()
    {
        var (exit, _, errors) = await RunAsync("--benchmark", Datasets.File("mt_bench", "question.jsonl"), "--target", "null", "--judge", "refusal", "--shard-batches", "-1");

        Assert.Equal(2, exit);
        Assert.Contains("--shard-batches: batches per shard, 0 (one orchestration) or more, not -1", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_parse_into_baselines_endpoints_and_one_recorded_target_per_file()
    {
        var expanded = TargetArguments.Expand(["null", "floor=refuse", "my-vllm", $"recorded:{Datasets.File("xstest", "model_completions")}", $"g4=recorded:{Datasets.File("mt_bench", "model_answer", "gpt-4.jsonl")}"], "run-1");
        var targets = expanded.Select(t => TargetKinds.Parse(t.Text).Spec!).ToList();

        Assert.Equal(
            ["null", "floor", "my-vllm", "gpt4", "llama2new", "llama2orig", "mistralguard", "mistralinstruct", "g4"],
            targets.Select(t => t.Name));
        Assert.Equal(TargetKind.Refuse, targets[1].Kind);
        Assert.Equal(new TargetSpec("my-vllm", TargetKind.Endpoint, "my-vllm"), targets[2]);
        Assert.Equal("xstest-completions", targets[3].RecordedFormat);
        Assert.Equal("runs/run-1/targets/g4/gpt-4.jsonl", targets[^1].RecordedBlob);
        Assert.Equal("mt-bench-answers", targets[^1].RecordedFormat);
        Assert.Equal(Datasets.File("mt_bench", "model_answer", "gpt-4.jsonl"), expanded[^1].LocalFile);
    }

    // `assay run ARGUMENTS` as its own process; bad input must stop it before it starts storage.
    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var (exit, output, errors, _) = await cli.RunAsync(["run", .. arguments]);
        Assert.False(File.Exists(cli.AzuriteMark), $"assay run {string.Join(' ', arguments)} started storage before refusing its input");
        return (exit, output, errors);
    }

    public void Dispose()
    {
        cli.Dispose();
        Directory.Delete(work, recursive: true);
    }
}
