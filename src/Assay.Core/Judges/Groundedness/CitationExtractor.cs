using System.Globalization;
using System.Text.RegularExpressions;
using Assay.Core.Benchmarks;

namespace Assay.Core.Judges.Groundedness;

/// <summary>
/// Finds cited claims in an answer. Convention (docs/groundedness.md): a citation is a bracketed marker of letters,
/// digits and <c>_ . : -</c> (<c>[2]</c>, <c>[doc-7]</c>; several in a row cite several documents; a markdown link
/// <c>[text](url)</c> is not one); the claim is the sentence that holds it. A marker equal to a document id names that
/// document; otherwise a number n names the n-th document; anything else is hallucinated.
/// </summary>
public static partial class CitationExtractor
{
    public static IReadOnlyList<CitedClaim> Extract(string answer, IReadOnlyList<CaseDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(documents);
        var claims = new List<CitedClaim>();
        var seen = new HashSet<(string, string)>();
        foreach (var sentence in SentenceBreak().Split(answer))
        {
            var markers = Marker().Matches(sentence);
            if (markers.Count == 0)
            {
                continue;
            }

            var claim = Spaces().Replace(Marker().Replace(sentence, string.Empty), " ").Trim();
            claim = SpaceBeforePunctuation().Replace(claim, "$1");
            foreach (Match marker in markers)
            {
                var id = marker.Groups[1].Value;
                if (seen.Add((claim, id)))
                {
                    claims.Add(new CitedClaim(claim, id, Resolve(id, documents)));
                }
            }
        }

        return claims;
    }

    private static CaseDocument? Resolve(string marker, IReadOnlyList<CaseDocument> documents) =>
        documents.FirstOrDefault(d => d.Id == marker)
        ?? (int.TryParse(marker, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= documents.Count ? documents[n - 1] : null);

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\[([A-Za-z0-9][A-Za-z0-9_.:\-]{0,63})\](?!\()", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+([.,;:!?])", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforePunctuation();
}
