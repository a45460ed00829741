using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Assay.Durable.Runs;
using Assay.Durable.Storage;

namespace Assay.Cli;

/// <summary>
/// One <c>--target</c> as the run spec names it (<see cref="Text"/>), with the argument it came from; a recorded target
/// read from a local file also carries the file, its format and the blob it is uploaded to.
/// </summary>
public sealed record ExpandedTarget(string Argument, string Text, string? Name = null, string? LocalFile = null, string? Blob = null, IRecordedAnswerFormat? Format = null);

/// <summary>
/// What only the command line has to do with <c>--target</c>: <c>recorded:FILE_OR_FOLDER</c> names local files, which
/// become <c>NAME=recorded:BLOB</c> (a folder gives one target per file, named after its model). Every other text goes
/// to the run spec as written; its syntax is <see cref="TargetKinds"/>', the same for the API.
/// </summary>
public static class TargetArguments
{
    public static IReadOnlyList<ExpandedTarget> Expand(IEnumerable<string> arguments, string runId)
    {
        var targets = new List<ExpandedTarget>();
        foreach (var argument in arguments)
        {
            var (name, target) = TargetSyntax.SplitName(argument);
            targets.AddRange(target.StartsWith(TargetKinds.RecordedPrefix, StringComparison.OrdinalIgnoreCase)
                ? Recorded(argument, name, target[TargetKinds.RecordedPrefix.Length..], runId)
                : [new ExpandedTarget(argument, argument.Trim())]);
        }

        return targets;
    }

    private static IEnumerable<ExpandedTarget> Recorded(string argument, string? name, string path, string runId)
    {
        string[] files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                throw new CliException($"--target {argument}: the folder holds no .csv, .jsonl or .json answer files");
            }

            if (name is not null && files.Length > 1)
            {
                throw new CliException($"--target {argument}: a folder gives several targets; name them one by one");
            }
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new CliException($"--target {argument}: no such file or folder (write recorded:FILE or recorded:FOLDER)");
        }

        foreach (var file in files)
        {
            IRecordedAnswerFormat format;
            try
            {
                format = RecordedAnswerFormats.Infer(file);
            }
            catch (ArgumentException ex)
            {
                throw new CliException($"--target recorded:{file}: {ex.Message}");
            }

            var targetName = name ?? format.ModelName(new FileBenchmarkSource(file)) ?? Path.GetFileNameWithoutExtension(file);
            targetName = name is null && !TargetSyntax.IsEndpointName(targetName) ? BlobNames.Safe(targetName) : targetName;
            var blob = BlobNames.UploadedBenchmark(runId, $"targets/{BlobNames.Safe(targetName)}/{Path.GetFileName(file)}");
            yield return new ExpandedTarget(argument, $"{targetName}={TargetKinds.RecordedPrefix}{blob}", targetName, file, blob, format);
        }
    }
}
