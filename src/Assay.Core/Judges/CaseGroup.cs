namespace Assay.Core.Judges;

/// <summary>
/// One value a case is grouped by in the report's breakdowns, besides its category: a case field such as
/// <c>difficulty</c> or <c>level</c>, or a trust tag. A case may have several values for one key (several trust tags).
/// </summary>
public sealed record CaseGroup(string Key, string Value);
