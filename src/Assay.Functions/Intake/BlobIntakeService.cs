using Assay.Core.Benchmarks;
using Assay.Durable.Runs;
using Assay.Durable.Storage;
using Assay.Functions.Logging;
using Assay.Functions.Security;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assay.Functions.Intake;

/// <summary>
/// What happens to a blob uploaded to <c>benchmarks/</c>: validate it whole (size, format, schema, ids, UTF-8); if it
/// is bad, move it to the rejected container with an error file naming file, line and field, and start nothing; if it
/// is good, start a run with the configured defaults under an id derived from the blob name and ETag.
/// </summary>
public sealed class BlobIntakeService(
    RunStore store, RunSpecValidator validator, SecretRedactor redactor, IOptions<IntakeOptions> options, TimeProvider time, ILogger<BlobIntakeService> logger)
{
    /// <summary>
    /// Prefixes the trigger leaves alone: <c>runs/</c> holds the local runner's uploads (it starts those runs itself),
    /// <c>answers/</c> holds recorded answers that API runs name as targets.
    /// </summary>
    public static IReadOnlyList<string> IgnoredPrefixes { get; } = ["runs/", "answers/"];

    public static bool IsIgnored(string name) =>
        IgnoredPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))
        // Files a benchmark reads next to itself (MT-Bench's reference_answer/gpt-4.jsonl) are not benchmarks.
        || name.Split('/').SkipLast(1).Contains("reference_answer", StringComparer.Ordinal);

    public async Task<IntakeOutcome> ProcessAsync(BlobClient blob, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var name = blob.Name;
        if (IsIgnored(name))
        {
            return new IntakeOutcome(name, IntakeDecision.Ignored);
        }

        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already moved away by an earlier delivery of the same event.
            return new IntakeOutcome(name, IntakeDecision.Ignored, Problem: "the blob no longer exists");
        }

        var etag = properties.ETag.ToString();
        var problem = await ValidateAsync(blob.GetParentBlobContainerClient(), name, properties.ContentLength, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            await RejectAsync(blob, properties, problem, keep: properties.ContentLength <= options.Value.MaxBenchmarkBytes, ct).ConfigureAwait(false);
            logger.UploadRejected(name, redactor.Redact(problem.Message));
            return new IntakeOutcome(name, IntakeDecision.Rejected, Problem: problem.Message);
        }

        var settings = options.Value;
        var validation = validator.Validate(new RunSpec
        {
            RunId = RunIds.ForUpload(name, etag),
            Benchmark = name,
            Targets = settings.EffectiveTargets,
            Judge = string.IsNullOrWhiteSpace(settings.DefaultJudge) ? null : settings.DefaultJudge,
            JudgeEndpoint = string.IsNullOrWhiteSpace(settings.DefaultJudgeEndpoint) ? null : settings.DefaultJudgeEndpoint,
        });
        if (validation.Request is not { } request)
        {
            // The file is fine; the app's defaults cannot run it (say, MT-Bench without a judge endpoint). Keep it.
            throw new InvalidOperationException(
                $"Upload {name} is valid but the Intake defaults cannot run it: {string.Join("; ", validation.Errors)}");
        }

        var started = await RunStarter.StartOnceAsync(client, request, ct).ConfigureAwait(false);
        logger.UploadRun(name, etag, request.RunId, started ? "started" : "already exists");
        return new IntakeOutcome(name, started ? IntakeDecision.Started : IntakeDecision.AlreadyStarted, request.RunId);
    }

    private async Task<BenchmarkFormatException?> ValidateAsync(BlobContainerClient benchmarks, string name, long size, CancellationToken ct)
    {
        var file = $"{benchmarks.Name}/{name}";
        var cap = options.Value.MaxBenchmarkBytes;
        if (size > cap)
        {
            return new BenchmarkFormatException(file, 0, null, $"the file is {size} bytes; uploads are limited to {cap} bytes (Intake:MaxBenchmarkBytes)");
        }

        if (size == 0)
        {
            return new BenchmarkFormatException(file, 0, null, "the file is empty");
        }

        IBenchmarkFormat format;
        try
        {
            format = BenchmarkFormats.Infer(name);
        }
        catch (ArgumentException)
        {
            return new BenchmarkFormatException(
                file, 0, null, $"cannot tell the benchmark format from the name: use question.jsonl (MT-Bench), *xstest*.csv or *.jsonl (Assay cases)");
        }

        try
        {
            await BenchmarkValidator.ValidateAsync(format, new BlobBenchmarkSource(benchmarks, name), ct).ConfigureAwait(false);
            return null;
        }
        catch (BenchmarkFormatException ex)
        {
            return ex;
        }
    }

    /// <param name="keep">
    /// Copy the upload to the rejected container. Not for one over the size cap: copying would read all of it (up to
    /// the 2 GB an upload may be) through this instance, which the cap is there to prevent; its error file says so.
    /// </param>
    private async Task RejectAsync(BlobClient blob, BlobProperties properties, BenchmarkFormatException problem, bool keep, CancellationToken ct)
    {
        var rejected = await store.ContainerAsync(options.Value.RejectedContainer, ct).ConfigureAwait(false);
        var pinned = new BlobRequestConditions { IfMatch = properties.ETag };

        // Copy by streaming rather than server-side copy: it needs no SAS and works with managed identity alone.
        if (keep)
        {
            await using var source = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { Conditions = pinned }, ct).ConfigureAwait(false);
            await rejected.GetBlobClient(blob.Name).UploadAsync(source, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = properties.ContentType },
            }, ct).ConfigureAwait(false);
        }

        var record = new RejectionRecord(
            problem.File, problem.Line, problem.Field, redactor.Redact(problem.Problem), blob.Name, properties.ETag.ToString(), properties.ContentLength, time.GetUtcNow(), keep);
        await RunStore.WriteJsonAsync(rejected, blob.Name + ".error.json", record, ct).ConfigureAwait(false);

        // Only this version goes: a newer upload under the same name has its own event and is kept.
        try
        {
            await blob.DeleteIfExistsAsync(conditions: pinned, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            logger.UploadReplacedWhileRejected(blob.Name);
        }
    }
}
