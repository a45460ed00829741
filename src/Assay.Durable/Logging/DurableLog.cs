using Microsoft.Extensions.Logging;

namespace Assay.Durable.Logging;

/// <summary>
/// The durable layer's log lines, source-generated (<see cref="LoggerMessageAttribute"/>): no format parsing and no
/// boxing per call, which matters on the per-batch path the benchmarks measure. One method per line; the templates are
/// the ones operators already search for.
/// </summary>
internal static partial class DurableLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Run {RunId}: {Cases} cases of {Benchmark} in {Batches} batches of {BatchSize}, {Window} in flight")]
    public static partial void RunPlanned(this ILogger logger, string runId, int cases, string benchmark, int batches, int batchSize, int window);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Run {RunId} target {Target} batch {Batch}: {Failed} of {Answers} answers errored, first: {Error}")]
    public static partial void AnswersErrored(this ILogger logger, string runId, string target, int batch, int failed, int answers, string? error);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Run {RunId} target {Target} batch {Batch}: {Unscored} judge outputs could not be parsed")]
    public static partial void JudgeOutputsUnparsed(this ILogger logger, string runId, string target, int batch, int unscored);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Run {RunId}: the report index changed meanwhile, attempt {Attempt} again")]
    public static partial void ReportIndexChanged(this ILogger logger, string runId, int attempt);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Run {RunId}: {Count} regression(s) against run {Previous}: {Regressions}")]
    public static partial void RegressionsFound(this ILogger logger, string runId, int count, string previous, string regressions);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Run {RunId}: {Items} batch work items of {BatchSize} cases, {InFlight} in flight")]
    public static partial void RunWindow(this ILogger logger, string runId, int items, int batchSize, int inFlight);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Run {RunId}: regressions against run {Previous}: {Regressions}")]
    public static partial void RunRegressions(this ILogger logger, string runId, string? previous, string regressions);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Response cache read of {Blob} failed, calling the endpoint: {Error}")]
    public static partial void CacheReadFailed(this ILogger logger, string blob, string error);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Response cache write of {Blob} failed: {Error}")]
    public static partial void CacheWriteFailed(this ILogger logger, string blob, string error);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Response cache listing of {Prefix} failed, reading per call: {Error}")]
    public static partial void CacheListingFailed(this ILogger logger, string prefix, string error);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Debate run {RunId}: {Debates} debates, {InFlight} in flight")]
    public static partial void DebatesPlanned(this ILogger logger, string runId, int debates, int inFlight);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Run {RunId} debate {Claim}/{Mode} round {Round}: {Error}")]
    public static partial void DebateRoundFailed(this ILogger logger, string runId, string claim, string mode, int round, string? error);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Red-team suite {RunId}: {Cells} cells x {PerCell} prompts in {Chunks} chunks")]
    public static partial void SuitePlanned(this ILogger logger, string runId, int cells, int perCell, int chunks);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Red-team {RunId} cell {Cell}: {Error} ({Unparseable} unparseable fragments)")]
    public static partial void CellGenerationFailed(this ILogger logger, string runId, string cell, string? error, int unparseable);
}
