using System.Security.Cryptography;
using System.Text;

namespace Assay.Core.Benchmarks.Formats;

/// <summary>
/// AlpacaEval has no ids: it pairs a model's outputs with the reference outputs by their <c>instruction</c> text.
/// Assay does the same by deriving a case's id from the instruction alone (the first 12 hex digits of its UTF-8
/// SHA-256), so the benchmark, any outputs file and the annotation files agree on ids whatever their order or
/// subset, and a repeated instruction is reported as a duplicate id.
/// </summary>
public static class AlpacaEvalIds
{
    public static string FromInstruction(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(instruction));
        return Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
