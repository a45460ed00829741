using Microsoft.Extensions.Logging;

namespace Assay.Functions.Logging;

/// <summary>
/// The Functions app's log lines, source-generated (<see cref="LoggerMessageAttribute"/>) like the durable layer's:
/// typed arguments, no format parsing per call. The templates are unchanged.
/// </summary>
internal static partial class FunctionsLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Run {RunId} started over HTTP by {Owner}: benchmark {Benchmark}, {Targets} targets")]
    public static partial void RunStartedOverHttp(this ILogger logger, string runId, string owner, string benchmark, int targets);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Run {RunId} cancelled over HTTP by {Caller}")]
    public static partial void RunCancelledOverHttp(this ILogger logger, string runId, string caller);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Rejected upload {Blob}: {Problem}")]
    public static partial void UploadRejected(this ILogger logger, string blob, string problem);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Upload {Blob} ({ETag}): run {RunId} {Outcome}")]
    public static partial void UploadRun(this ILogger logger, string blob, string etag, string runId, string outcome);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Upload {Blob} was replaced while being rejected; the new version is kept")]
    public static partial void UploadReplacedWhileRejected(this ILogger logger, string blob);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Purged the history of {Count} runs created before {Before:O}")]
    public static partial void HistoryPurged(this ILogger logger, int count, DateTimeOffset before);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "The nightly schedule fired late (past due); starting the runs of {Day:yyyy-MM-dd} now")]
    public static partial void NightlyPastDue(this ILogger logger, DateTimeOffset day);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Error, Message = "Nightly entry {Entry} cannot run: {Errors}")]
    public static partial void NightlyEntryInvalid(this ILogger logger, string entry, string errors);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Information, Message = "Nightly entry {Entry}: run {RunId} {Outcome}")]
    public static partial void NightlyRun(this ILogger logger, string entry, string runId, string outcome);
}
