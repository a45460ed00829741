using Assay.Core.Benchmarks;

namespace Assay.Core.Tests.Benchmarks.Formats;

/// <summary>Reading a format through the validator, as a run does, and catching its first error.</summary>
internal static class FormatTestKit
{
    public static Task<List<EvalCase>> ReadAsync(IBenchmarkFormat format, string path) =>
        BenchmarkValidator.ReadValidatedAsync(format, new FileBenchmarkSource(path)).CollectAsync();

    public static Task<BenchmarkFormatException> FailsAsync(IBenchmarkFormat format, string path) =>
        Assert.ThrowsAsync<BenchmarkFormatException>(() => ReadAsync(format, path));
}
