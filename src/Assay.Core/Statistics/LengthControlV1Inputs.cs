using System.Globalization;
using Assay.Core.Benchmarks;

namespace Assay.Core.Statistics;

/// <summary>
/// The two data files AlpacaEval's <c>length_controlled_v1</c> reads, in the form AlpacaEval publishes them (on its
/// Hugging Face dataset <c>tatsu-lab/alpaca_eval</c>, not in its code repository), read here as data:
/// <list type="bullet">
/// <item><c>instruction_difficulty.csv</c>: a header, then one row per instruction: its 0-based position in AlpacaEval's
/// evaluation set (first column, any name) and <c>instruction_difficulty</c>;</item>
/// <item><c>df_gamed.csv</c> (optional): the gamed baselines' annotations, columns <c>index</c>, <c>preference</c> (in
/// [0, 1], P(gamed output preferred); empty rows are skipped as AlpacaEval drops them), <c>std_delta_len</c> and
/// <c>instruction_difficulty</c>; other columns (<c>model</c>, <c>not_gamed_baseline</c>) are ignored.</item>
/// </list>
/// Every bad value is a <see cref="BenchmarkFormatException"/> naming file, line and column.
/// </summary>
public sealed record LengthControlV1Inputs(
    IReadOnlyDictionary<long, double> DifficultyByIndex, IReadOnlyList<LengthControlledV1.GamedRow> Gamed)
{
    public const string DifficultyColumn = "instruction_difficulty";

    private static readonly string[] GamedColumns = ["index", "preference", "std_delta_len", DifficultyColumn];

    /// <summary>The formula name a report shows: v1, or v1 without its regularisation when no gamed rows were given.</summary>
    public string Formula => Gamed.Count > 0 ? LengthControlledV1.Name : LengthControlledV1.Name + " (no gamed-baseline regularisation)";

    public static async Task<LengthControlV1Inputs> ReadAsync(
        Stream difficulty, string difficultyFile, Stream? gamed, string? gamedFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(difficulty);
        var byIndex = new Dictionary<long, double>();
        var line = 1L;
        await foreach (var record in CsvRecordReader.ReadAsync(difficulty, difficultyFile, [DifficultyColumn], cancellationToken).ConfigureAwait(false))
        {
            line = record.Line;
            if (record.Fields.Count != 2)
            {
                throw new BenchmarkFormatException(difficultyFile, record.Line, null, $"expected 2 columns (the instruction's index and {DifficultyColumn}), found {record.Fields.Count}");
            }

            var indexColumn = record.Fields.Keys.Single(k => k != DifficultyColumn);
            var index = Index(record, indexColumn);
            if (!byIndex.TryAdd(index, Number(record, DifficultyColumn)))
            {
                throw new BenchmarkFormatException(difficultyFile, record.Line, ColumnName(indexColumn), $"instruction index {index} appears twice");
            }
        }

        if (byIndex.Count == 0)
        {
            throw new BenchmarkFormatException(difficultyFile, line, null, "no instruction difficulty in the file");
        }

        var rows = new List<LengthControlledV1.GamedRow>();
        if (gamed is not null)
        {
            var name = gamedFile ?? "df_gamed.csv";
            await foreach (var record in CsvRecordReader.ReadAsync(gamed, name, GamedColumns, cancellationToken).ConfigureAwait(false))
            {
                if (record.NonEmpty("preference") is null)
                {
                    continue; // AlpacaEval fits only rows whose preference is not NaN
                }

                Index(record, "index");
                var preference = Number(record, "preference");
                if (preference is < 0 or > 1)
                {
                    throw new BenchmarkFormatException(name, record.Line, "preference", $"'{record["preference"]}' is outside [0, 1]");
                }

                rows.Add(new LengthControlledV1.GamedRow(Number(record, "std_delta_len"), Number(record, DifficultyColumn), preference));
            }

            if (rows.Count == 0)
            {
                throw new BenchmarkFormatException(name, 1, "preference", "no gamed-baseline row with a preference in the file");
            }
        }

        return new LengthControlV1Inputs(byIndex, rows);
    }

    private static long Index(CsvRecord record, string column) =>
        long.TryParse(record[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0
            ? index
            : throw new BenchmarkFormatException(record.File, record.Line, ColumnName(column), $"'{record[column]}' is not an instruction index (an integer from 0)");

    private static double Number(CsvRecord record, string column) =>
        double.TryParse(record[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new BenchmarkFormatException(record.File, record.Line, column, $"'{record[column]}' is not a finite number");

    // pandas writes an unnamed index column with an empty header.
    private static string ColumnName(string column) => column.Length == 0 ? "(index column)" : column;
}
