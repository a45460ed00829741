using System.Runtime.CompilerServices;

namespace Assay.Core.Benchmarks;

internal static class LocatedCases
{
    /// <summary>Drops the line numbers: how the located formats implement the plain <c>ReadAsync</c>.</summary>
    public static async IAsyncEnumerable<EvalCase> WithoutLines(
        IAsyncEnumerable<LocatedCase> cases, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var located in cases.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return located.Case;
        }
    }
}
