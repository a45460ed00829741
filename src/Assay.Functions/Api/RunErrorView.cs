namespace Assay.Functions.Api;

/// <summary>Why a run failed or stopped: the error type and the first line of its message.</summary>
public sealed record RunErrorView(string Type, string Message);
