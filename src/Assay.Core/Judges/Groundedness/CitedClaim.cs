using Assay.Core.Benchmarks;

namespace Assay.Core.Judges.Groundedness;

/// <summary>
/// One citation in an answer: the sentence it sits in (markers removed) and the document it names, or null when the
/// marker names no document of the case (a hallucinated reference).
/// </summary>
public sealed record CitedClaim(string Claim, string Marker, CaseDocument? Document);
