namespace Assay.Functions.Api;

/// <summary>The answer to a started (or cancelled) run: its id and the API's own URLs for it.</summary>
public sealed record RunAcceptedView(string RunId, string Status, string StatusUrl, string CancelUrl);
