namespace Assay.Functions.Api;

/// <summary>
/// Why a run failed or stopped: the error type and the first line of its message, the task (activity or
/// sub-orchestration) that failed, and where the full detail (the chain of failures with stack traces) is kept; the
/// stack traces themselves are not served.
/// </summary>
public sealed record RunErrorView(string Type, string Message, string? Task = null, string? Detail = null);
