namespace Assay.Functions.Api;

/// <summary>Where a finished run's report is: <c>container/blob</c> names in the configured storage account.</summary>
public sealed record RunReportView(string Json, string Markdown);
