using System.Text.RegularExpressions;

namespace Assay.Core.Solvers;

/// <summary>The mutations a target can name after <c>~</c>: built-in deterministic ones and model-driven ones.</summary>
public static partial class PromptMutations
{
    public const string TranslatePrefix = "translate:";

    public static IReadOnlyList<string> Deterministic { get; } = ["base64", "caesar", "leetspeak", "misspellings", "uppercase", "jargon"];

    public static IReadOnlyList<string> Generated { get; } = ["translate:LANG", "persuasion", "roleplay"];

    public static string Known => string.Join(", ", Deterministic.Concat(Generated));

    /// <summary>Why <paramref name="name"/> is not a mutation; null when it is one.</summary>
    public static string? Problem(string name) => TryGet(name, out _) ? null
        : name.StartsWith(TranslatePrefix, StringComparison.Ordinal)
            ? $"mutation '{name}': the language after '{TranslatePrefix}' is letters and '-' (e.g. fr, zh-CN), at most 20"
            : $"unknown mutation '{name}' (known: {Known})";

    /// <exception cref="ArgumentException">Not a known mutation.</exception>
    public static IPromptMutation Get(string name) =>
        TryGet(name, out var mutation) ? mutation! : throw new ArgumentException(Problem(name), nameof(name));

    public static bool TryGet(string name, out IPromptMutation? mutation)
    {
        mutation = name switch
        {
            "base64" => new Base64Mutation(),
            "caesar" => new CaesarMutation(),
            "leetspeak" => new LeetspeakMutation(),
            "misspellings" => new MisspellingsMutation(),
            "uppercase" => new UppercaseMutation(),
            "jargon" => new JargonMutation(),
            "persuasion" => GeneratedMutation.Persuasion(),
            "roleplay" => GeneratedMutation.RolePlay(),
            _ when name.StartsWith(TranslatePrefix, StringComparison.Ordinal) && Language().IsMatch(name[TranslatePrefix.Length..]) =>
                GeneratedMutation.Translate(name[TranslatePrefix.Length..]),
            _ => null,
        };
        return mutation is not null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z-]{0,19}$")]
    private static partial Regex Language();
}
