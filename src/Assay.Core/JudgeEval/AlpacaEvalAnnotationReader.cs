using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Assay.Core.Benchmarks;
using Assay.Core.Benchmarks.Formats;

namespace Assay.Core.JudgeEval;

/// <summary>
/// AlpacaEval annotation files (<c>annotations.json</c>): a JSON array of <c>{instruction, output_1, generator_1,
/// output_2, generator_2, dataset, annotator, preference, …}</c>. <c>preference</c> is 1 (output_1 better) to 2
/// (output_2 better); weighted annotators write the judge's probability as a fraction in between. The gold label
/// follows AlpacaEval's own win counting: above 1.5 is B (output_2), below is A, exactly 1.5 a tie; the raw value
/// is kept in the pair's metadata. A missing or out-of-range preference is an error naming its line.
/// </summary>
public static class AlpacaEvalAnnotationReader
{
    public const string DefaultSubset = "AlpacaEval";

    public static async IAsyncEnumerable<LabelledPair> ReadAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var record in JsonArrayRecordReader.ReadAsync(stream, source.Name, cancellationToken).ConfigureAwait(false))
            {
                yield return ToPair(record);
            }
        }
    }

    /// <summary>AlpacaEval's reading of a preference: &gt; 1.5 the second output wins, &lt; 1.5 the first, 1.5 a draw.</summary>
    public static PairPreference Gold(double preference) =>
        preference > 1.5 ? PairPreference.B : preference < 1.5 ? PairPreference.A : PairPreference.Tie;

    private static LabelledPair ToPair(JsonlRecord record)
    {
        var instruction = record.RequiredString("instruction");
        var preference = Preference(record);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["preference"] = preference.ToString("R", CultureInfo.InvariantCulture),
        };
        foreach (var field in (string[])["generator_1", "generator_2", "annotator"])
        {
            if (record.OptionalString(field) is { Length: > 0 } value)
            {
                metadata[field] = value;
            }
        }

        return new LabelledPair
        {
            Id = AlpacaEvalIds.FromInstruction(instruction),
            Subset = record.OptionalString("dataset") is { Length: > 0 } dataset ? dataset : DefaultSubset,
            Instruction = instruction,
            OutputA = record.RequiredString("output_1"),
            OutputB = record.RequiredString("output_2"),
            Gold = Gold(preference),
            Metadata = metadata,
        };
    }

    private static double Preference(JsonlRecord record)
    {
        if (!record.Root.TryGetProperty("preference", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw record.Error("preference", "missing: the annotator gave no preference for this pair");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            throw record.Error("preference", $"expected a number from 1 to 2, found {value.GetRawText()}");
        }

        return number is >= 1 and <= 2
            ? number
            : throw record.Error("preference", $"expected a number from 1 to 2, found {value.GetRawText()}");
    }
}
