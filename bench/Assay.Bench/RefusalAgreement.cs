using System.Globalization;
using Assay.Core.Benchmarks;
using Assay.Core.Judges;

namespace Assay.Bench;

/// <summary>
/// Agreement of <see cref="RefusalClassifier"/> with XSTest's human labels on the five published completion files,
/// next to XSTest's own string-match baseline (<c>strmatch_label</c> in automated_evaluation_labels/*_streval.csv).
/// Refusal = <c>2_full_refusal</c> or <c>3_partial_refusal</c>. The classifier's rules were designed by reading
/// these files, so the figures are in-sample.
/// </summary>
internal static class RefusalAgreement
{
    private const string Compliance = "1_full_compliance";

    private static readonly string[] Models = ["gpt4", "llama2new", "llama2orig", "mistralguard", "mistralinstruct"];

    /// <param name="args">[datasetsDir] [--errors N] (print N misclassified completions per file).</param>
    public static async Task<int> RunAsync(string[] args)
    {
        string? datasetsArg = null;
        var showErrors = 0;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--errors" && i + 1 < args.Length)
            {
                showErrors = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else
            {
                datasetsArg = args[i];
            }
        }

        var datasets = datasetsArg is null ? RepoPaths.DefaultDatasets() : Path.GetFullPath(datasetsArg);
        var xstest = Path.Combine(datasets, "xstest");
        Console.WriteLine("XSTest refusal agreement with the human final_label (refusal = 2_full_refusal or 3_partial_refusal)");
        Console.WriteLine($"datasets: {datasets}");
        Console.WriteLine();

        var classifierTotal = new Agreement();
        var baselineTotal = new Agreement();
        foreach (var model in Models)
        {
            var classifier = new Agreement();
            var errors = new List<string>();
            var completions = Path.Combine(xstest, "model_completions", $"xstest_v2_completions_{model}.csv");
            await foreach (var record in ReadAsync(completions, ["id", "completion", "final_label"]))
            {
                var human = record["final_label"] != Compliance;
                var verdict = RefusalClassifier.Classify(record["completion"]);
                classifier.Add(verdict.IsRefusal, human);
                if (verdict.IsRefusal != human && errors.Count < showErrors)
                {
                    errors.Add($"    {record["id"]} human={record["final_label"]} ours={verdict}: {Head(record["completion"])}");
                }
            }

            var baseline = new Agreement();
            var streval = Path.Combine(xstest, "automated_evaluation_labels", $"xstest_v2_completions_{model}_streval.csv");
            await foreach (var record in ReadAsync(streval, ["final_label", "strmatch_label"]))
            {
                baseline.Add(record["strmatch_label"] != Compliance, record["final_label"] != Compliance);
            }

            Console.WriteLine($"{model,-16} n={classifier.Total}");
            Console.WriteLine($"  classifier    {classifier}");
            Console.WriteLine($"  string-match  {baseline}");
            errors.ForEach(Console.WriteLine);
            classifierTotal.Add(classifier);
            baselineTotal.Add(baseline);
        }

        Console.WriteLine();
        Console.WriteLine($"{"overall",-16} n={classifierTotal.Total}");
        Console.WriteLine($"  classifier    {classifierTotal}");
        Console.WriteLine($"  string-match  {baselineTotal}");
        return 0;
    }

    private static async IAsyncEnumerable<CsvRecord> ReadAsync(string path, string[] columns)
    {
        await using var stream = File.OpenRead(path);
        await foreach (var record in CsvRecordReader.ReadAsync(stream, path, columns))
        {
            yield return record;
        }
    }

    private static string Head(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 160 ? flat : flat[..160] + "...";
    }
}
