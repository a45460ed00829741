using System.Runtime.CompilerServices;
using Assay.Core.Benchmarks;

namespace Assay.Core.JudgeEval;

/// <summary>
/// Streams the objects of a file that is one JSON array of objects (LLMBar's and PandaLM's <c>dataset.json</c>),
/// each as a <see cref="JsonlRecord"/> whose line is the line its object starts on, so the typed accessors report
/// file, line and field exactly as for JSON Lines. Only one object is held in memory at a time.
/// </summary>
public static class JsonArrayRecordReader
{
    private const int InitialBufferSize = 64 * 1024;

    /// <exception cref="BenchmarkFormatException">
    /// Not an array, an item that is not an object, malformed JSON, invalid UTF-8, or content after the array.
    /// </exception>
    public static async IAsyncEnumerable<JsonlRecord> ReadAsync(
        Stream stream, string file, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(file);
        var scanner = new JsonArrayScanner(file);
        var buffer = new byte[InitialBufferSize];
        var filled = 0;
        var endOfStream = false;
        while (!scanner.Finished)
        {
            var record = scanner.Next(buffer.AsSpan(0, filled), endOfStream, out var consumed);
            if (consumed > 0)
            {
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }

            if (record is not null)
            {
                yield return record;
                continue;
            }

            if (scanner.Finished)
            {
                break;
            }

            if (endOfStream)
            {
                // The scanner reports every incomplete ending as an error on the final block; this is a safeguard.
                throw new BenchmarkFormatException(file, scanner.Line, null, "unexpected end of the file");
            }

            if (filled == buffer.Length)
            {
                // One object is larger than the buffer: grow it so that the whole object fits, up to the case cap.
                var cap = ReaderLimits.Current.MaxCaseBytes;
                if (buffer.Length >= cap)
                {
                    throw new BenchmarkFormatException(
                        file, scanner.Line, null, $"an object of the array is larger than {cap} bytes ({ReaderLimits.Section}:MaxCaseBytes)");
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Min((long)buffer.Length * 2, cap + 1), Array.MaxLength));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            filled += read;
            endOfStream = read == 0;
        }
    }
}
