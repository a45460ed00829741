namespace Assay.Durable.Contracts;

/// <summary>
/// A judge by name (<c>mt-bench</c>, <c>refusal</c>) and, for LLM judges, the configured endpoint it calls. A judge
/// ensemble is named <c>ensemble</c> and carries its members in <see cref="Ensemble"/>.
/// </summary>
public sealed record JudgeSpec(string Name, string? Endpoint = null)
{
    /// <summary>For <c>ensemble:RULE(...)</c>: the rule and member judges; null for a single judge.</summary>
    public EnsembleSpec? Ensemble { get; init; }

    /// <summary>Parses <c>name</c>, <c>name:endpoint</c> or <c>ensemble:RULE(MEMBER,...)</c>.</summary>
    /// <exception cref="FormatException">A malformed ensemble.</exception>
    public static JudgeSpec Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith(EnsembleSpec.Prefix, StringComparison.Ordinal))
        {
            return new JudgeSpec(Core.Judges.Ensembles.EnsembleJudge.JudgeName) { Ensemble = EnsembleSpec.Parse(trimmed[EnsembleSpec.Prefix.Length..]) };
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new JudgeSpec(text.Trim()) : new JudgeSpec(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }

    public override string ToString() => Ensemble?.ToString() ?? (Endpoint is null ? Name : $"{Name}:{Endpoint}");
}
