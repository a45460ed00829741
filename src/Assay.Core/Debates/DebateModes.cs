namespace Assay.Core.Debates;

/// <summary>
/// How the persuader argues. LOGICOM's persuader drafts a reply and, with a helper, has it rewritten:
/// <c>logical</c> uses its Vanilla_Helper prompt ("persuasive and fair arguments"), <c>fallacious</c> its
/// Fallacy_Helper prompt (logical fallacies), <c>plain</c> no helper (the paper's No_Helper).
/// </summary>
public static class DebateModes
{
    public const string Logical = "logical";

    public const string Fallacious = "fallacious";

    public const string Plain = "plain";

    public static IReadOnlyList<string> Names { get; } = [Logical, Fallacious, Plain];

    /// <summary>The helper prompt of a mode, or null for <see cref="Plain"/>.</summary>
    public static LogicomPrompt? Helper(string mode) => mode switch
    {
        Logical => LogicomPrompts.VanillaHelper,
        Fallacious => LogicomPrompts.FallacyHelper,
        Plain => null,
        _ => throw new ArgumentException($"unknown debate mode '{mode}' (known: {string.Join(", ", Names)})", nameof(mode)),
    };

    /// <summary>Parses <c>logical,fallacious</c>: known names, no repeats, at least one.</summary>
    public static IReadOnlyList<string> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var modes = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (modes.Length == 0)
        {
            throw new ArgumentException($"name at least one mode ({string.Join(", ", Names)})");
        }

        foreach (var mode in modes)
        {
            if (!Names.Contains(mode))
            {
                throw new ArgumentException($"unknown debate mode '{mode}' (known: {string.Join(", ", Names)})");
            }
        }

        return modes.Distinct(StringComparer.Ordinal).Count() == modes.Length
            ? modes
            : throw new ArgumentException($"a mode is named twice in '{list}'");
    }
}
