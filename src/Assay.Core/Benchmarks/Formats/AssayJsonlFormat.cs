using System.Runtime.CompilerServices;

namespace Assay.Core.Benchmarks;

/// <summary>Benchmark files already in Assay's own case format (see <see cref="AssayJsonl"/>).</summary>
public sealed class AssayJsonlFormat : ILocatedBenchmarkFormat
{
    public const string FormatName = "assay-jsonl";

    public string Name => FormatName;

    public string IdField => "id";

    public IReadOnlyList<string> RelatedFiles { get; } = [];

    public BenchmarkManifest DefaultManifest(string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        var name = Path.GetFileNameWithoutExtension(sourceName);
        return new BenchmarkManifest(
            string.IsNullOrEmpty(name) ? FormatName : name,
            FormatName,
            DefaultJudge: "mt-bench",
            BatchSize: 16);
    }

    public IAsyncEnumerable<EvalCase> ReadAsync(IBenchmarkSource source, CancellationToken cancellationToken) =>
        LocatedCases.WithoutLines(ReadLocatedAsync(source, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<LocatedCase> ReadLocatedAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var cases = AssayJsonl.ReadLocatedAsync(stream, source.Name, cancellationToken);
            await foreach (var located in cases.ConfigureAwait(false))
            {
                yield return located;
            }
        }
    }
}
