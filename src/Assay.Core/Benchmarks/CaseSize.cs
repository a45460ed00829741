using System.Text;

namespace Assay.Core.Benchmarks;

/// <summary>The UTF-8 size of a case's text, and its largest field, for <see cref="ReaderLimits.MaxCaseBytes"/>.</summary>
internal static class CaseSize
{
    public static (long Bytes, string Field)? Oversized(EvalCase evalCase, long maxBytes)
    {
        var (total, largest, largestField) = (0L, -1L, string.Empty);
        foreach (var (field, text) in Fields(evalCase))
        {
            long bytes = Encoding.UTF8.GetByteCount(text);
            total += bytes;
            if (bytes > largest)
            {
                (largest, largestField) = (bytes, field);
            }
        }

        return total > maxBytes ? (total, largestField) : null;
    }

    private static IEnumerable<(string Field, string Text)> Fields(EvalCase c)
    {
        for (var i = 0; i < c.Turns.Count; i++)
        {
            yield return ($"turns[{i}]", c.Turns[i]);
        }

        for (var i = 0; i < (c.References?.Count ?? 0); i++)
        {
            yield return ($"references[{i}]", c.References![i]);
        }

        for (var i = 0; i < (c.Choices?.Count ?? 0); i++)
        {
            yield return ($"choices[{i}]", c.Choices![i]);
        }

        for (var i = 0; i < (c.Documents?.Count ?? 0); i++)
        {
            yield return ($"documents[{i}]", c.Documents![i].Text);
        }

        foreach (var (key, value) in c.Metadata)
        {
            yield return ($"metadata.{key}", value);
        }
    }
}
