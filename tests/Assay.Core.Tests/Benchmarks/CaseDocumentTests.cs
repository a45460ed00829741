using Assay.Core.Benchmarks;

namespace Assay.Core.Tests.Benchmarks;

public sealed class CaseDocumentTests
{
    [Fact]
    public void Documents_round_trip_through_assay_jsonl()
    {
        var line = """{"id":"q1","turns":["Where?"],"documents":[{"id":"a","text":"Paris."},{"id":7,"text":"Lyon."}]}""";

        var evalCase = AssayJsonl.Parse(line);

        Assert.Equal([new CaseDocument("a", "Paris."), new CaseDocument("7", "Lyon.")], evalCase.Documents!);
        Assert.Equal(evalCase.Documents, AssayJsonl.Parse(AssayJsonl.Serialize(evalCase)).Documents);
        Assert.Null(AssayJsonl.Parse("""{"id":"q2","turns":["x"]}""").Documents);
        Assert.DoesNotContain("documents", AssayJsonl.Serialize(AssayJsonl.Parse("""{"id":"q2","turns":["x"]}""")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_groundedness_sample_reads_with_its_documents()
    {
        var cases = new List<EvalCase>();
        var source = new FileBenchmarkSource(Path.Combine(Assay.Testing.Datasets.RepoRoot, "samples", "groundedness", "rag.jsonl"));
        await foreach (var evalCase in BenchmarkFormats.Get("assay-jsonl").ReadAsync(source, CancellationToken.None))
        {
            cases.Add(evalCase);
        }

        Assert.Equal([2, 1, 2], cases.Select(c => c.Documents!.Count));
    }

    [Theory]
    [InlineData("""{"id":"q","turns":["x"],"documents":{"id":"a"}}""", "documents", "expected an array")]
    [InlineData("""{"id":"q","turns":["x"],"documents":[{"text":"t"}]}""", "documents[0].id", "missing required field")]
    [InlineData("""{"id":"q","turns":["x"],"documents":[{"id":"a","text":"t"},{"id":"a","text":"u"}]}""", "documents[1].id", "duplicate document id 'a'")]
    [InlineData("""{"id":"q","turns":["x"],"documents":[{"id":"[a]","text":"t"}]}""", "documents[0].id", "without brackets")]
    [InlineData("""{"id":"q","turns":["x"],"documents":[{"id":"a","text":" "}]}""", "documents[0].text", "must not be empty")]
    [InlineData("""{"id":"q","turns":["x"],"documents":[{"id":"a","text":3}]}""", "documents[0].text", "expected a string")]
    public void A_bad_document_names_its_field(string line, string field, string problem)
    {
        var ex = Assert.Throws<BenchmarkFormatException>(() => AssayJsonl.Parse(line, "rag.jsonl"));
        Assert.Equal(("rag.jsonl", 1L, field), (ex.File, ex.Line, ex.Field));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
