using System.Buffers;
using System.Text;
using System.Text.Json;
using Assay.Core.Benchmarks;

namespace Assay.Core.Tests.Benchmarks;

/// <summary>
/// Issue 19: JsonDocument gives a long line's index (rented at the line's length) back to the shared pool, and
/// System.Text.Json does the same with the buffer it unescapes a long value into; the pool kept them for the life of
/// the process, one per thread that had read a long case. These tests run alone: the shared pool
/// is the process's, and another test returning an array of the same size would be found in it.
/// </summary>
[Collection(nameof(ParseIndexPoolTests))]
[CollectionDefinition(nameof(ParseIndexPoolTests), DisableParallelization = true)]
public sealed class ParseIndexPoolTests
{
    // 20 MiB: the 32 MiB bucket of the shared pool, which no other test of this assembly rents from.
    private const int LineBytes = 20 * 1024 * 1024;

    [Fact]
    public void A_long_lines_index_and_its_unescaped_text_are_not_left_in_the_shared_pool()
    {
        var text = string.Concat(Enumerable.Repeat(@"line of a long case\n", (LineBytes - 40) / 21)); // escaped newlines
        var line = Encoding.UTF8.GetBytes($$"""{"id":"big","turns":["{{text}}"]}""");
        Assert.True(JsonlRecordReader.ReclaimedIndexAbove < LineBytes);
        Assert.True(PooledAfter(() => ArrayPool<byte>.Shared.Return(new byte[32 * 1024 * 1024])), "the probe must find an array given to the pool");
        Assert.False(PooledAfter(() => { }), "the probe must find none when none was given");

        JsonlRecord? record = null;
        Assert.False(PooledAfter(() => record = JsonlRecordReader.Parse("big.jsonl", 1, line)), "the parse index was left in the shared pool");

        IReadOnlyList<string> turns = [];
        Assert.False(PooledAfter(() => turns = record!.RequiredStringArray("turns")), "the unescaped text was left in the shared pool");
        Assert.Equal(text.Replace("\\n", "\n", StringComparison.Ordinal), turns[0]);
    }

    [Fact]
    public void A_long_escaped_value_deserialised_from_a_batch_line_is_not_left_in_the_shared_pool()
    {
        var text = string.Concat(Enumerable.Repeat(@"line of a long case\n", (LineBytes - 40) / 21));
        var line = Encoding.UTF8.GetBytes($$"""{"id":"big","turns":["{{text}}"]}""");

        EvalCase? read = null;
        Assert.False(PooledAfter(() => read = JsonSerializer.Deserialize<EvalCase>(line, AssayJson.Options)), "the unescaped text was left in the shared pool");
        Assert.Equal(text.Replace("\\n", "\n", StringComparison.Ordinal), read!.Turns[0]);
    }

    // Whether, after the action, this thread finds a pooled array of the line's bucket: renting allocates none then.
    private static bool PooledAfter(Action action)
    {
        var mine = ArrayPool<byte>.Shared.Rent(LineBytes + 12);
        ArrayPool<byte>.Shared.Return(mine);
        _ = ArrayPool<byte>.Shared.Rent(LineBytes + 12); // take it back out: the pool now holds none of this size
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        _ = ArrayPool<byte>.Shared.Rent(LineBytes + 12);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return allocated < LineBytes;
    }
}
