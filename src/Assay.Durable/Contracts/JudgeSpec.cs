namespace Assay.Durable.Contracts;

/// <summary>A judge by name (<c>mt-bench</c>, <c>refusal</c>) and, for LLM judges, the configured endpoint it calls.</summary>
public sealed record JudgeSpec(string Name, string? Endpoint = null)
{
    /// <summary>Parses <c>name</c> or <c>name:endpoint</c>.</summary>
    public static JudgeSpec Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new JudgeSpec(text.Trim()) : new JudgeSpec(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }

    public override string ToString() => Endpoint is null ? Name : $"{Name}:{Endpoint}";
}
