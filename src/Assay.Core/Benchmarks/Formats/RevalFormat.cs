using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Assay.Core.Judges.Reval;

namespace Assay.Core.Benchmarks;

/// <summary>
/// REval / DREval code-reasoning cases (docs/reval.md), JSONL, one of two shapes per line:
/// <list type="bullet">
/// <item>a question item: <c>id</c>, <c>program</c>, <c>entry_point</c>, <c>input</c> (DREval's argument tuple, e.g.
/// <c>"(3,)"</c>) and <c>questions</c>, an ordered array of <c>{kind, line?, var?, answer}</c> whose answers were
/// prepared outside the pipeline;</item>
/// <item>a DREval data record: <c>code</c>, <c>entry_point</c>, <c>inputs</c> and <c>outputs</c> (the return value of
/// each input, as a Python literal): one output-prediction case per input.</item>
/// </list>
/// Each question becomes one turn of a single conversation; its accepted answers go to the turn's reference as a JSON
/// array of strings. Nothing is executed.
/// </summary>
public sealed class RevalFormat : ILocatedBenchmarkFormat
{
    public const string FormatName = "reval";

    /// <summary>Case metadata holding the question kinds, comma-separated, in turn order.</summary>
    public const string KindsKey = "reval.kinds";

    public string Name => FormatName;

    public string IdField => "id";

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    public BenchmarkManifest DefaultManifest(string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        var name = Path.GetFileNameWithoutExtension(sourceName);
        return new BenchmarkManifest(string.IsNullOrEmpty(name) ? FormatName : name, FormatName, RevalJudge.JudgeName, 16);
    }

    public IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken) =>
        LocatedCases.WithoutLines(ReadLocatedAsync(source, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var record in JsonlRecordReader.ReadAsync(stream, source.Name, cancellationToken).ConfigureAwait(false))
            {
                var cases = record.Root.TryGetProperty("questions", out _) ? [QuestionItem(record)] : DataRecord(record);
                foreach (var evalCase in cases)
                {
                    yield return new LocatedCase(evalCase, record.Line);
                }
            }
        }
    }

    private static EvalCase QuestionItem(JsonlRecord record)
    {
        var id = record.RequiredIntOrString("id");
        var program = record.RequiredString("program");
        var invocation = RevalPrompts.Invocation(record.RequiredString("entry_point"), record.RequiredString("input"));
        var lines = program.Split('\n');
        var questions = record.Root.GetProperty("questions");
        if (questions.ValueKind != JsonValueKind.Array || questions.GetArrayLength() == 0)
        {
            throw record.Error("questions", "expected a non-empty array of {kind, line, var, answer}");
        }

        var turns = new List<string>();
        var references = new List<string>();
        var kinds = new List<string>();
        var i = 0;
        foreach (var question in questions.EnumerateArray())
        {
            var path = $"questions[{i++}]";
            if (question.ValueKind != JsonValueKind.Object)
            {
                throw record.Error(path, $"expected an object, found {JsonlRecordReader.Describe(question)}");
            }

            var kind = record.RequiredString(question, "kind", $"{path}.kind");
            if (!RevalKind.All.Contains(kind, StringComparer.Ordinal))
            {
                throw record.Error($"{path}.kind", $"unknown kind '{kind}'; known: {string.Join(", ", RevalKind.All)}");
            }

            int? line = null;
            string? variable = null;
            if (kind != RevalKind.Output)
            {
                line = LineOf(record, question, path, lines.Length);
            }

            if (kind == RevalKind.VariableValue)
            {
                variable = record.RequiredString(question, "var", $"{path}.var");
            }

            references.Add(JsonSerializer.Serialize(Answers(record, question, path, kind)));
            var codeLine = line is { } l ? lines[l - 1].Trim() : null;
            var text = RevalPrompts.Question(kind, line, codeLine, variable, invocation);
            turns.Add(turns.Count == 0 ? RevalPrompts.Preamble(program, invocation) + text : text);
            kinds.Add(kind);
        }

        return Case(id, turns, references, kinds, invocation);
    }

    private static IEnumerable<EvalCase> DataRecord(JsonlRecord record)
    {
        var code = record.RequiredString("code");
        var entryPoint = record.RequiredString("entry_point");
        var inputs = record.RequiredStringArray("inputs", 1);
        var outputs = record.RequiredStringArray("outputs");
        if (outputs.Count != inputs.Count)
        {
            throw record.Error("outputs", $"expected one output per input ({inputs.Count}), found {outputs.Count}");
        }

        var id = record.OptionalString("task_id") ?? record.Line.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < inputs.Count; i++)
        {
            var invocation = RevalPrompts.Invocation(entryPoint, inputs[i]);
            var turn = RevalPrompts.Preamble(code, invocation) + RevalPrompts.Question(RevalKind.Output, null, null, null, invocation);
            yield return Case($"{id}/{i}", [turn], [JsonSerializer.Serialize(new[] { outputs[i] })], [RevalKind.Output], invocation);
        }
    }

    private static EvalCase Case(string id, List<string> turns, List<string> references, List<string> kinds, string invocation) => new()
    {
        Id = id,
        Turns = turns,
        References = references,
        Category = kinds.Count == 1 ? "output-prediction" : "runtime-behaviour",
        Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [KindsKey] = string.Join(",", kinds), ["invocation"] = invocation },
    };

    private static int LineOf(JsonlRecord record, JsonElement question, string path, int lineCount)
    {
        if (!question.TryGetProperty("line", out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var line))
        {
            throw record.Error($"{path}.line", "expected the 1-based line number the question is about");
        }

        return line >= 1 && line <= lineCount ? line : throw record.Error($"{path}.line", $"line {line} is outside the program (1-{lineCount})");
    }

    /// <summary>Accepted answers as strings: a string, a boolean (covered-line), an integer, or an array of them.</summary>
    private static List<string> Answers(JsonlRecord record, JsonElement question, string path, string kind)
    {
        if (!question.TryGetProperty("answer", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw record.Error($"{path}.answer", "missing ground truth");
        }

        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        var answers = items.Select((item, j) => item.ValueKind switch
        {
            JsonValueKind.String => JsonText.Read(item)!,
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            JsonValueKind.Number when item.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
            _ => throw record.Error($"{path}.answer", $"expected a string, boolean, integer or an array of them, found {JsonlRecordReader.Describe(item)}"),
        }).ToList();
        if (answers.Count == 0)
        {
            throw record.Error($"{path}.answer", "must not be empty");
        }

        var bad = kind switch
        {
            RevalKind.CoveredLine => answers.FirstOrDefault(a => a is not ("yes" or "no")),
            RevalKind.NextLine => answers.FirstOrDefault(a => !int.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)),
            _ => null,
        };
        return bad is null ? answers : throw record.Error($"{path}.answer", $"'{bad}' is not a {kind} answer ({(kind == RevalKind.CoveredLine ? "true/false or yes/no" : "a line number, -1 for return")})");
    }
}
