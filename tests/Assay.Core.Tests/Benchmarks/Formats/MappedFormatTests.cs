using Assay.Core.Benchmarks;
using Assay.Core.Benchmarks.Formats;

namespace Assay.Core.Tests.Benchmarks.Formats;

public sealed class MappedFormatTests : IDisposable
{
    private const string McqManifest = """
        { "id": "qid", "prompt": "question", "choices": ["A", "B", "C", "D"], "answer": "key",
          "category": "subject", "metadata": ["source"] }
        """;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_csv_of_multiple_choice_questions_maps_columns_to_choices_and_gold()
    {
        temp.Write("mcq.manifest.json", McqManifest);
        var path = temp.Write("mcq.csv", "qid,question,A,B,C,D,key,subject,source\nq1,2+2?,3,4,5,6,B,math,\"book, p. 3\"\nq2,Capital of France?,Paris,Rome,Oslo,Bern,A,geo,\n");

        var cases = await FormatTestKit.ReadAsync(MappedFormat.Csv, path);

        Assert.Equal(["q1", "q2"], cases.Select(c => c.Id));
        Assert.Equal(["3", "4", "5", "6"], cases[0].Choices);
        Assert.Equal(["B"], cases[0].References!);
        Assert.Equal(("math", "book, p. 3"), (cases[0].Category, cases[0].Metadata["source"]));
        Assert.False(cases[1].Metadata.ContainsKey("source"));
        Assert.Equal(["mcq.manifest.json"], MappedFormat.Csv.RelatedFilesFor(path));
    }

    [Fact]
    public async Task A_jsonl_maps_turns_references_and_an_options_array_and_numbers_ids_by_position_without_an_id()
    {
        temp.Write("qa.manifest.json", """{"turns": "messages", "reference": "gold", "category": "topic"}""");
        temp.Write("opts.manifest.json", """{"prompt": "q", "choices": "options", "answer": "label"}""");
        var qa = temp.Write("qa.jsonl", "{\"messages\": [\"hi\", \"and?\"], \"gold\": [\"a\", \"b\"], \"topic\": 3}\n{\"messages\": [\"x\"], \"gold\": \"y\"}\n");
        var opts = temp.Write("opts.jsonl", "{\"q\": \"Pick\", \"options\": [\"red\", \"blue\"], \"label\": 1}\n");

        var qaCases = await FormatTestKit.ReadAsync(MappedFormat.Jsonl, qa);
        var optCase = Assert.Single(await FormatTestKit.ReadAsync(MappedFormat.Jsonl, opts));

        Assert.Equal(["0", "1"], qaCases.Select(c => c.Id));
        Assert.Equal(["hi", "and?"], qaCases[0].Turns);
        Assert.Equal(["a", "b"], qaCases[0].References!);
        Assert.Equal("3", qaCases[0].Category);
        Assert.Equal(["y"], qaCases[1].References!);
        Assert.Equal(["red", "blue"], optCase.Choices!);
        Assert.Equal(["1"], optCase.References!);
    }

    [Fact]
    public async Task Data_errors_name_the_data_file_the_line_and_the_mapped_native_field()
    {
        temp.Write("a.manifest.json", McqManifest);
        temp.Write("b.manifest.json", McqManifest);
        temp.Write("c.manifest.json", """{"id": "id", "prompt": "text"}""");
        var noColumn = temp.Write("a.csv", "qid,question,A,B,C,key,subject,source\n");
        var emptyOption = temp.Write("b.csv", "qid,question,A,B,C,D,key,subject,source\nq1,Q,a,b,c,d,A,s,\nq2,Q,a,,c,d,A,s,\n");
        var wrongType = temp.Write("c.jsonl", "{\"id\": 1, \"text\": \"ok\"}\n{\"id\": 2, \"text\": [\"not\", \"text\"]}\n");

        var columnError = await FormatTestKit.FailsAsync(MappedFormat.Csv, noColumn);
        var optionError = await FormatTestKit.FailsAsync(MappedFormat.Csv, emptyOption);
        var typeError = await FormatTestKit.FailsAsync(MappedFormat.Jsonl, wrongType);

        Assert.Equal((noColumn, 1L, "D"), (columnError.File, columnError.Line, columnError.Field));
        Assert.Equal((emptyOption, 3L, "B", "must not be empty"), (optionError.File, optionError.Line, optionError.Field, optionError.Problem));
        Assert.Equal((wrongType, 2L, "text"), (typeError.File, typeError.Line, typeError.Field));
    }

    [Theory]
    [InlineData(null, null, "missing: the csv format reads its field mapping")]
    [InlineData("""{"prompt": "q", "question": "q"}""", "question", "unknown manifest key")]
    [InlineData("""{"prompt": "q", "turns": "t"}""", "prompt", "exactly one of")]
    [InlineData("""{"prompt": "q", "choices": ["A", "B"]}""", "answer", "gold 'answer'")]
    [InlineData("""{"prompt": "q", "reference": "r", "answer": "a"}""", "answer", "not both")]
    [InlineData("""{"turns": "t"}""", "turns", "a CSV field holds one text")]
    [InlineData("""{"prompt": 5}""", "prompt", "expected the name of a field")]
    public async Task Manifest_errors_name_the_manifest_and_its_key(string? manifest, string? key, string problem)
    {
        if (manifest is not null)
        {
            temp.Write("cases.manifest.json", manifest);
        }

        var path = temp.Write("cases.csv", "q,t,r,a,A,B\nx,y,z,w,1,2\n");

        var ex = await FormatTestKit.FailsAsync(MappedFormat.Csv, path);

        Assert.Equal((Path.Combine(temp.Path, "cases.manifest.json"), key), (ex.File, ex.Field));
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_manifest_json_names_its_line()
    {
        temp.Write("cases.manifest.json", "{\n  \"prompt\": \"q\",\n  \"id\": \n}");
        var path = temp.Write("cases.csv", "q\nx\n");

        var ex = await FormatTestKit.FailsAsync(MappedFormat.Csv, path);

        Assert.Equal((4L, "malformed JSON in the manifest"), (ex.Line, ex.Problem));
    }
}
