using System.Text.Json;
using Assay.Core.Benchmarks;
using Assay.Core.JudgeEval;

namespace Assay.Cli;

/// <summary>
/// LLMBar given on the command line: a <c>dataset.json</c> or a folder of them (<c>Dataset/LLMBar</c>: Natural and the
/// four Adversarial subsets in one run). The run reads an uploaded blob whose name no longer says which subset a file
/// was, so the CLI writes the pairs into one LLMBar-shaped file with each record's <c>subset</c> (from where it lay on
/// disk) and runs that. The file is rebuilt the same way on every invocation, so a resumed run sees the same cases.
/// </summary>
internal static class LlmBarBundle
{
    /// <summary>The options to run (the bundle in place of the set), or the given ones when there is nothing to bundle.</summary>
    public static async Task<LocalRunOptions> PrepareAsync(LocalRunOptions options, string workFolder, CancellationToken ct)
    {
        var option = options.BenchmarkOption;
        var path = options.Benchmark;
        var isFolder = Directory.Exists(path);
        if (isFolder && !IsLlmBar(options.Format))
        {
            throw new CliException($"{option} {path}: is a folder; only LLMBar sets are read from a folder (--format llmbar)");
        }

        if (!isFolder && !File.Exists(path) && !path.StartsWith("blob:", StringComparison.Ordinal))
        {
            throw new CliException($"{option} {path}: no such file or folder (use blob:NAME for a blob in the benchmarks container)");
        }

        if (!IsLlmBar(options.Format) || !(isFolder || File.Exists(path)))
        {
            return options;
        }

        var pairs = isFolder
            ? LlmBarReader.ReadFolderAsync(path, ct)
            : LlmBarReader.ReadAsync(new FileBenchmarkSource(path), LlmBarReader.SubsetOf(Path.GetFullPath(path)), ct);
        Directory.CreateDirectory(workFolder);
        var bundle = Path.Combine(workFolder, "dataset.json");
        var stream = File.Create(bundle);
        await using (stream.ConfigureAwait(false))
        {
            var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            await using (json.ConfigureAwait(false))
            {
                json.WriteStartArray();
                await foreach (var pair in pairs.ConfigureAwait(false))
                {
                    json.WriteStartObject();
                    json.WriteString("input", pair.Instruction);
                    json.WriteString("output_1", pair.OutputA);
                    json.WriteString("output_2", pair.OutputB);
                    json.WriteNumber("label", pair.Gold == PairPreference.A ? 1 : 2);
                    json.WriteString(LlmBarReader.SubsetField, pair.Subset);
                    json.WriteEndObject();
                    if (json.BytesPending > 64 * 1024)
                    {
                        await json.FlushAsync(ct).ConfigureAwait(false);
                    }
                }

                json.WriteEndArray();
            }
        }

        return options with { Benchmark = bundle };
    }

    private static bool IsLlmBar(string? format) =>
        string.Equals(format?.Trim(), LabelledPairFormat.LlmBar.Name, StringComparison.OrdinalIgnoreCase);
}
