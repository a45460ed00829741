using System.Text;
using Assay.Core.Benchmarks;

namespace Assay.Core.Tests.Benchmarks;

public sealed class AssayJsonlTests
{
    private static readonly EvalCase Full = new()
    {
        Id = "case-1",
        Turns = ["First turn\nwith a line break and \"quotes\"", "Second turn \u00e9 \u2603 <b>&</b>"],
        References = ["ref 1", "ref 2"],
        Choices = ["A", "B", "C"],
        Category = "math",
        Tags = ["t1", "t2"],
        Metadata = new Dictionary<string, string> { ["label"] = "safe", ["final_label"] = "2_full_refusal" },
    };

    [Fact]
    public async Task Round_trip_of_a_case_with_all_fields_is_exact()
    {
        using var stream = new MemoryStream();
        await AssayJsonl.WriteCaseAsync(stream, Full);
        await AssayJsonl.WriteCaseAsync(stream, new EvalCase { Id = "2", Turns = ["only"] });
        stream.Position = 0;

        var cases = await AssayJsonl.ReadCasesAsync(stream, "batch-0001.jsonl").CollectAsync();

        Assert.Equal(2, cases.Count);
        AssertSame(Full, cases[0]);
        Assert.Null(cases[1].References);
        Assert.Null(cases[1].Category);
        Assert.Empty(cases[1].Tags);
        Assert.Empty(cases[1].Metadata);
        Assert.Equal(stream.ToArray(), AssayJsonl.ToUtf8Bytes(cases));
    }

    [Fact]
    public void Serialized_case_is_one_camel_case_line()
    {
        var line = AssayJsonl.Serialize(Full);

        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("{\"id\":\"case-1\",\"turns\":[", line, StringComparison.Ordinal);
        Assert.Contains("\"final_label\":\"2_full_refusal\"", line, StringComparison.Ordinal);
        AssertSame(Full, AssayJsonl.Parse(line));
    }

    [Fact]
    public async Task Format_reads_files_and_names_the_manifest_after_the_file()
    {
        using var temp = new TempDirectory();
        var source = new FileBenchmarkSource(temp.WriteBytes("my-suite.jsonl", AssayJsonl.ToUtf8Bytes([Full])));
        var format = new AssayJsonlFormat();

        var evalCase = Assert.Single(await BenchmarkValidator.ReadValidatedAsync(format, source).CollectAsync());

        AssertSame(Full, evalCase);
        Assert.Equal(new BenchmarkManifest("my-suite", "assay-jsonl", "mt-bench", 16), format.DefaultManifest(source.Name));
    }

    [Fact]
    public async Task Metadata_value_that_is_not_a_string_names_the_key()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\":\"a\",\"turns\":[\"t\"],\"metadata\":{\"score\":3}}\n");

        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(
            () => AssayJsonl.ReadCasesAsync(new MemoryStream(bytes), "b.jsonl").CollectAsync());

        Assert.Equal(("b.jsonl", 1L, "metadata.score"), (ex.File, ex.Line, ex.Field));
    }

    private static void AssertSame(EvalCase expected, EvalCase actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Turns, actual.Turns);
        Assert.Equal(expected.References, actual.References);
        Assert.Equal(expected.Choices, actual.Choices);
        Assert.Equal(expected.Category, actual.Category);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Metadata.ToList(), actual.Metadata.ToList());
    }
}
