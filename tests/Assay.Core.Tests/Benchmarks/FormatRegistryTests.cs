using Assay.Core.Benchmarks;
using Assay.Testing;

namespace Assay.Core.Tests.Benchmarks;

/// <summary>One registry of formats: unique names, and every reader in <c>Benchmarks/Formats/</c>.</summary>
public sealed class FormatRegistryTests
{
    [Fact]
    public void Names_are_unique_and_every_reader_lives_under_Formats()
    {
        Assert.Equal(BenchmarkFormats.Names.Count, BenchmarkFormats.Names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var folder = Path.Combine(Datasets.RepoRoot, "src", "Assay.Core", "Benchmarks", "Formats");
        Assert.All(BenchmarkFormats.All.Select(f => f.GetType().Name).Distinct(), type =>
            Assert.True(File.Exists(Path.Combine(folder, type + ".cs")), $"{type} is not in {folder}"));
        Assert.All(BenchmarkFormats.Names, name => Assert.Same(BenchmarkFormats.Get(name), BenchmarkFormats.TryGet(name)));
        Assert.Null(BenchmarkFormats.TryGet("nosuch"));
    }
}
