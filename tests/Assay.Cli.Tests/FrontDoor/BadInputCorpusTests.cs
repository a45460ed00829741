using Assay.Testing;
using Xunit.Abstractions;

namespace Assay.Cli.Tests.FrontDoor;

/// <summary>
/// The front door's bad inputs: each runs the built <c>assay</c> (mostly <c>run</c>) as its own process and must exit 2 with one line
/// naming the option, file, line or field, before anything starts (the stand-in Azurite is never invoked). Times are
/// printed, not asserted tightly: the bound is 2 s on a quiet machine, and tests share a loaded one.
/// </summary>
public sealed class BadInputCorpusTests(ITestOutputHelper log, BadInputCorpusTests.Files files) : IClassFixture<BadInputCorpusTests.Files>
{
    /// <summary>Generous: only a run that started storage, or hung, takes this long.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Case name, the command and its arguments (<c>{MT}</c>, <c>{WORK}</c>, <c>{CONFIG}</c> are filled in), and what the one error line must contain.</summary>
    public static TheoryData<string, string[], string[]> Corpus { get; } = new()
    {
        // The inputs of issue 14, each of which used to start Azurite and end "failed: Failed" with no cause.
        { "unknown judge j", ["run", "-b", "{MT}", "-t", "null", "--judge", "j", "--config", "{CONFIG}"], ["--judge", "'j'"] },
        { "unknown judge with an endpoint", ["run", "-b", "{MT}", "-t", "null", "--judge", "nosuch:judge", "--config", "{CONFIG}"], ["--judge", "'nosuch'"] },
        { "unknown judge with an unknown endpoint", ["run", "-b", "{MT}", "-t", "null", "--judge", "nosuch:E", "--config", "{CONFIG}"], ["--judge", "Unknown judge 'nosuch'", "Known judges: ", "refusal", "mt-bench"] },
        { "LLM judge without an endpoint", ["run", "-b", "{MT}", "-t", "null", "--judge", "mt-bench", "--config", "{CONFIG}"], ["--judge", "mt-bench", "endpoint"] },
        { "pairwise judge without a baseline", ["run", "-b", "{MT}", "-t", "gpt", "-t", "null", "--judge", "arena-hard:judge", "--config", "{CONFIG}"], ["--baseline", "arena-hard", "gpt, null"] },
        { "the same target twice", ["run", "-b", "{MT}", "-t", "null", "-t", "null", "--judge", "refusal"], ["--target", "two targets share the name 'null'"] },
        { "SORRY-Bench's default judge without an endpoint", ["run", "-b", "{WORK}/sorry/question.jsonl", "--format", "sorry-bench", "-t", "null"], ["--judge", "sorry-bench", "endpoint"] },
        { "a model-driven mutation without a generator", ["run", "-b", "{MT}", "-t", "gpt~translate:fr", "--judge", "refusal", "--config", "{CONFIG}"], ["--target gpt~translate:fr", "Mutations__Generator"] },

        // Formats and files.
        { "unknown format", ["run", "-b", "{MT}", "--format", "nosuch", "-t", "null", "--judge", "refusal"], ["--format", "'nosuch'", "mt-bench"] },
        { "a file whose format cannot be told", ["run", "-b", "{WORK}/cases.txt", "-t", "null", "--judge", "refusal"], ["--benchmark", "cannot tell the format", "assay-jsonl"] },
        { "missing benchmark file", ["run", "-b", "{WORK}/nosuch.jsonl", "-t", "null", "--judge", "refusal"], ["--benchmark", "nosuch.jsonl", "no such file"] },
        { "a folder as benchmark", ["run", "-b", "{WORK}", "-t", "null", "--judge", "refusal"], ["--benchmark", "is a folder"] },
        { "malformed JSONL line", ["run", "-b", "{WORK}/malformed/question.jsonl", "-t", "null", "--judge", "refusal"], ["question.jsonl:2", "malformed JSON"] },
        { "duplicate ids", ["run", "-b", "{WORK}/duplicates/question.jsonl", "-t", "null", "--judge", "refusal"], ["question.jsonl:2", "'question_id'"] },
        { "missing field", ["run", "-b", "{WORK}/missing/question.jsonl", "-t", "null", "--judge", "refusal"], ["question.jsonl:2", "'turns'"] },
        { "empty benchmark", ["run", "-b", "{WORK}/empty/question.jsonl", "-t", "null", "--judge", "refusal"], ["question.jsonl", "no cases"] },
        { "missing recorded answers", ["run", "-b", "{MT}", "-t", "recorded:{WORK}/nosuch.jsonl", "--judge", "refusal"], ["--target recorded:", "no such file or folder"] },
        { "recorded answers of an unknown kind", ["run", "-b", "{MT}", "-t", "recorded:{WORK}/cases.txt", "--judge", "refusal"], ["--target recorded:", "cases.txt"] },
        { "missing configuration file", ["run", "-b", "{MT}", "-t", "null", "--judge", "refusal", "--config", "{WORK}/nosuch.json"], ["nosuch.json", "configuration file not found"] },

        // Targets and endpoints.
        { "unknown endpoint", ["run", "-b", "{MT}", "-t", "gpt-9", "--judge", "refusal", "--config", "{CONFIG}"], ["--target gpt-9", "no endpoint named 'gpt-9'", "known: gpt, judge"] },
        { "an endpoint with no model", ["run", "-b", "{MT}", "-t", "null", "--judge", "refusal", "--config", "{WORK}/no-model.json"], ["Endpoints:nomodel:Model is required"] },
        { "a URL where an endpoint name belongs", ["run", "-b", "{MT}", "-t", "http://10.0.0.1/v1", "--judge", "refusal"], ["--target", "looks like a URL or host"] },
        { "unknown mutation", ["run", "-b", "{MT}", "-t", "gpt~nosuch", "--judge", "refusal", "--config", "{CONFIG}"], ["--target gpt~nosuch", "nosuch"] },
        { "unknown strategy", ["run", "-b", "{MT}", "-t", "gpt+nosuch", "--judge", "refusal", "--config", "{CONFIG}"], ["--target gpt+nosuch", "nosuch"] },
        { "an empty target", ["run", "-b", "{MT}", "-t", "x=", "--judge", "refusal"], ["--target x=", "empty target"] },

        // Judges and pairing.
        { "unknown judge endpoint", ["run", "-b", "{MT}", "-t", "null", "--judge", "mt-bench:nope", "--config", "{CONFIG}"], ["--judge", "no endpoint named 'nope'"] },
        { "unknown default-judge endpoint", ["run", "-b", "{MT}", "-t", "null", "--judge-endpoint", "nope", "--config", "{CONFIG}"], ["--judge-endpoint", "no endpoint named 'nope'"] },
        { "malformed ensemble", ["run", "-b", "{MT}", "-t", "null", "--judge", "ensemble:majority(refusal", "--config", "{CONFIG}"], ["--judge", "ensemble"] },
        { "rubric that is not configured", ["run", "-b", "{MT}", "-t", "null", "--judge", "rubric.nosuch:judge", "--config", "{CONFIG}"], ["--judge", "rubric", "nosuch"] },
        { "baseline not among the targets", ["run", "-b", "{MT}", "-t", "gpt", "-t", "null", "--judge", "arena-hard:judge", "--baseline", "other", "--config", "{CONFIG}"], ["--baseline", "gpt, null"] },
        { "baseline with a judge that is not pairwise", ["run", "-b", "{MT}", "-t", "null", "-t", "refuse", "--judge", "refusal", "--baseline", "null"], ["--baseline", "only pairwise judges"] },
        { "arena with one target", ["run", "-b", "{MT}", "-t", "gpt", "--judge", "arena-hard:judge", "--arena", "--config", "{CONFIG}"], ["--arena", "at least two targets"] },
        { "arena without a pairwise judge", ["run", "-b", "{MT}", "-t", "null", "-t", "refuse", "--judge", "refusal", "--arena"], ["--arena", "pairwise judge"] },

        // Limits: zero or negative is an error, never clamped.
        { "batch size 0", ["run", "-b", "{MT}", "-t", "null", "--judge", "refusal", "--batch-size", "0"], ["--batch-size", "not 0"] },
        { "batch size -5", ["run", "-b", "{MT}", "-t", "null", "--judge", "refusal", "--batch-size", "-5"], ["--batch-size", "not -5"] },
        { "max in flight 0", ["run", "-b", "{MT}", "-t", "null", "--judge", "refusal", "--max-in-flight", "0"], ["--max-in-flight", "not 0"] },
        { "max in flight -1", ["run", "-b", "{MT}", "-t", "null", "--judge", "refusal", "--max-in-flight", "-1"], ["--max-in-flight", "not -1"] },
        { "repeats 0", ["run", "-b", "{MT}", "-t", "null", "--judge", "refusal", "--repeats", "0"], ["--repeats", "not 0"] },
        { "shard batches -1", ["run", "-b", "{MT}", "-t", "null", "--judge", "refusal", "--shard-batches", "-1"], ["--shard-batches", "not -1"] },
        { "max tokens 0", ["run", "-b", "{MT}", "-t", "null", "--judge", "refusal", "--max-tokens", "0"], ["--max-tokens", "not 0"] },
        { "temperature 3", ["run", "-b", "{MT}", "-t", "null", "--judge", "refusal", "--temperature", "3"], ["--temperature", "between 0 and 2"] },
        { "debate: max in flight 0", ["debate", "--claims", "{WORK}/cases.txt", "--persuader", "gpt", "--debater", "gpt", "--moderator", "judge", "--max-in-flight", "0", "--config", "{CONFIG}"], ["--max-in-flight 0", "at least 1"] },
        { "redteam: max in flight -1", ["redteam", "--generator", "gpt", "--oracle", "judge", "-t", "gpt", "--max-in-flight", "-1", "--config", "{CONFIG}"], ["--max-in-flight -1", "at least 1"] },
        { "a run id that is not a name", ["run", "-b", "{MT}", "-t", "null", "--judge", "refusal", "--run-id", "../etc"], ["--run-id", "letters, digits"] },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_input_exits_2_naming_the_problem_and_starts_nothing(string name, string[] arguments, string[] expected)
    {
        using var cli = new CliProcess();
        var filled = arguments.Select(a => a.Replace("{MT}", Datasets.File("mt_bench", "question.jsonl"), StringComparison.Ordinal)
            .Replace("{WORK}", files.Work, StringComparison.Ordinal).Replace("{CONFIG}", files.Config, StringComparison.Ordinal));

        var (exit, output, errors, elapsed) = await cli.RunAsync(filled);

        log.WriteLine($"{name}: exit {exit} in {elapsed.TotalSeconds:F2} s: {errors.Trim()}");
        Assert.True(exit == 2, $"exit {exit}; stderr: {errors}; stdout: {output}");
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        foreach (var part in expected)
        {
            Assert.Contains(part, line, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(cli.AzuriteMark), "Azurite was started for a bad input");
        Assert.DoesNotContain("started", output + errors, StringComparison.Ordinal);
        Assert.True(elapsed < Bound, $"took {elapsed}");
    }

    /// <summary>The local files the corpus names: small benchmarks broken in one way each, and configuration files.</summary>
    public sealed class Files : IDisposable
    {
        public Files()
        {
            Work = Directory.CreateTempSubdirectory("assay-corpus-").FullName;
            Config = Path.Combine(Work, "settings.json");
            File.WriteAllText(Config, """
                { "Values": {
                  "Endpoints__judge__Kind": "OpenAICompatible", "Endpoints__judge__BaseUrl": "http://127.0.0.1:9/v1", "Endpoints__judge__Model": "j",
                  "Endpoints__gpt__Kind": "OpenAICompatible", "Endpoints__gpt__BaseUrl": "http://127.0.0.1:9/v1", "Endpoints__gpt__Model": "g" } }
                """);
            File.WriteAllText(Path.Combine(Work, "no-model.json"), """{ "Values": { "Endpoints__nomodel__Kind": "OpenAICompatible", "Endpoints__nomodel__BaseUrl": "http://127.0.0.1:9/v1" } }""");
            File.WriteAllText(Path.Combine(Work, "cases.txt"), "not a benchmark\n");
            const string Good = """{"question_id": 1, "category": "x", "turns": ["a"]}""";
            Write("sorry/question.jsonl", """{"question_id": 1, "category": "1", "turns": ["a"], "prompt_style": "base"}""" + "\n");
            Write("malformed/question.jsonl", Good + "\n{\"question_id\": 2, \n");
            Write("duplicates/question.jsonl", Good + "\n" + Good + "\n");
            Write("missing/question.jsonl", Good + "\n{\"question_id\": 2, \"category\": \"x\"}\n");
            Write("empty/question.jsonl", string.Empty);
        }

        public string Work { get; }

        public string Config { get; }

        public void Dispose() => Directory.Delete(Work, recursive: true);

        private void Write(string relative, string content)
        {
            var path = Path.Combine(Work, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
    }
}
