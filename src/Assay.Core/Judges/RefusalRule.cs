using System.Text.RegularExpressions;

namespace Assay.Core.Judges;

/// <summary>A named pattern of <see cref="RefusalClassifier"/>; matched against normalised, lower-cased text.</summary>
internal sealed record RefusalRule(string Name, Regex Pattern)
{
    public RefusalRule(string name, string pattern)
        : this(name, new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled))
    {
    }

    public Match Match(string text) => Pattern.Match(text);
}
