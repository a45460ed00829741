using Assay.Core.Benchmarks;
using Assay.Core.Solvers;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;

namespace Assay.Cli;

/// <summary>A target named on the command line, with the local answers file to upload for recorded targets.</summary>
public sealed record LocalTarget(TargetSpec Spec, string? LocalFile);

/// <summary>
/// Parses <c>--target</c>: <c>null</c>, <c>refuse</c>, <c>recorded:FILE_OR_DIR</c>, an endpoint name, each optionally
/// prefixed with <c>NAME=</c>. A directory of recorded answers gives one target per file, named after its model.
/// </summary>
public static class TargetArguments
{
    private const string RecordedPrefix = "recorded:";

    // A text carried by each case (judge evaluation: field:answer_a, field:answer_b).
    private const string FieldPrefix = "field:";

    public static IReadOnlyList<LocalTarget> Parse(IEnumerable<string> arguments, string runId)
    {
        var targets = new List<LocalTarget>();
        foreach (var argument in arguments)
        {
            targets.AddRange(ParseOne(argument.Trim(), runId));
        }

        return targets;
    }

    private static IEnumerable<LocalTarget> ParseOne(string argument, string runId)
    {
        string? name = null;
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0 && !argument[..equals].Contains(':', StringComparison.Ordinal))
        {
            (name, argument) = (argument[..equals], argument[(equals + 1)..]);
        }

        if (argument.Length == 0)
        {
            throw new CliException("--target: empty target");
        }

        if (argument.Equals(NullModelTarget.DefaultName, StringComparison.OrdinalIgnoreCase))
        {
            return [new LocalTarget(new TargetSpec(name ?? NullModelTarget.DefaultName, TargetKind.Null), null)];
        }

        if (argument.Equals(RefuseAllTarget.DefaultName, StringComparison.OrdinalIgnoreCase))
        {
            return [new LocalTarget(new TargetSpec(name ?? RefuseAllTarget.DefaultName, TargetKind.Refuse), null)];
        }

        if (argument.StartsWith(FieldPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var field = argument[FieldPrefix.Length..];
            return [new LocalTarget(new TargetSpec(name ?? field, TargetKind.CaseField, Field: field), null)];
        }

        if (argument.StartsWith(RecordedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Recorded(name, argument[RecordedPrefix.Length..], runId);
        }

        // ENDPOINT[~MUTATION][+STRATEGY]: a variant of an endpoint target (see TargetVariant).
        var variant = TargetVariant.Parse(argument);
        if (variant.Problem() is { } problem)
        {
            throw new CliException($"--target {argument}: {problem}");
        }

        return [new LocalTarget(new TargetSpec(name ?? variant.DefaultName, TargetKind.Endpoint, variant.Endpoint, Strategy: variant.Strategy, Mutation: variant.Mutation), null)];
    }

    private static IEnumerable<LocalTarget> Recorded(string? name, string path, string runId)
    {
        string[] files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                throw new CliException($"--target recorded:{path}: the folder holds no .csv, .jsonl or .json answer files");
            }

            if (name is not null && files.Length > 1)
            {
                throw new CliException($"--target {name}=recorded:{path}: a folder gives several targets; name them one by one");
            }
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new CliException($"--target recorded:{path}: no such file or folder");
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
            var blob = BlobNames.UploadedBenchmark(runId, $"targets/{BlobNames.Safe(targetName)}/{Path.GetFileName(file)}");
            yield return new LocalTarget(new TargetSpec(targetName, TargetKind.Recorded, RecordedBlob: blob, RecordedFormat: format.Name), file);
        }
    }
}
