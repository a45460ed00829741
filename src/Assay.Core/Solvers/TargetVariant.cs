namespace Assay.Core.Solvers;

/// <summary>
/// The variant part of an endpoint target: <c>ENDPOINT[~MUTATION][+STRATEGY]</c>, e.g. <c>gpt4+cot</c>,
/// <c>gpt4~base64</c>, <c>gpt4~translate:fr+cqot</c>. Endpoint names never hold <c>~</c> or <c>+</c>, so the split is
/// unambiguous. The default target name is the text itself; in blob names <c>~</c>, <c>+</c> and <c>:</c> become
/// <c>_</c>, and a run refuses two targets whose blob-safe names collide.
/// </summary>
public sealed record TargetVariant(string Endpoint, string? Mutation, string? Strategy)
{
    public bool IsVariant => Mutation is not null || Strategy is not null;

    public string DefaultName => Endpoint + (Mutation is null ? string.Empty : "~" + Mutation) + (Strategy is null ? string.Empty : "+" + Strategy);

    /// <summary>Splits the text; <c>+plain</c> is the same as no strategy.</summary>
    public static TargetVariant Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cut = text.IndexOfAny(['~', '+']);
        if (cut < 0)
        {
            return new TargetVariant(text, null, null);
        }

        string? mutation = null, strategy = null;
        var rest = text[cut..];
        while (rest.Length > 0)
        {
            var next = rest.IndexOfAny(['~', '+'], 1);
            var part = next < 0 ? rest[1..] : rest[1..next];
            if (rest[0] == '~')
            {
                mutation = part;
            }
            else
            {
                strategy = part;
            }

            rest = next < 0 ? string.Empty : rest[next..];
        }

        return new TargetVariant(text[..cut], mutation, PromptStrategies.Normalize(strategy));
    }

    /// <summary>What is wrong with the mutation or strategy part; null when both are known (or absent).</summary>
    public string? Problem() =>
        (Mutation is { } m ? PromptMutations.Problem(m) : null) ?? (Strategy is { } s ? PromptStrategies.Problem(s) : null);
}
