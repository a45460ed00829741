using Assay.Durable.Contracts;

namespace Assay.Functions.Api;

/// <summary>
/// A run as <c>GET /api/runs/{id}</c> shows it. Only names, counts and our own URLs: never Durable's management URLs,
/// whose system key could terminate or purge any instance.
/// </summary>
public sealed record RunStatusView(
    string RunId,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string StatusUrl,
    string? Benchmark = null,
    IReadOnlyList<string>? Targets = null,
    RunProgress? Progress = null,
    RunErrorView? Error = null,
    RunReportView? Report = null,
    IReadOnlyList<TargetTotals>? Totals = null,
    string? PreviousRunId = null,
    IReadOnlyList<string>? Regressions = null,
    string? Owner = null);
