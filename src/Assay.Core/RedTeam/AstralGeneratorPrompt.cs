namespace Assay.Core.RedTeam;

/// <summary>
/// ASTRAL's generator prompt pieces (TestGenerator/user_prompt.py), embedded byte for byte: one few-shot block per
/// writing style and per persuasion technique, and the instruction. See RedTeam/Prompts/astral/SOURCE.txt.
/// </summary>
public static class AstralGeneratorPrompt
{
    private const string Prefix = "Assay.Core.RedTeam.Prompts.astral.";

    private static readonly Lazy<string> InstructionText = new(() => Read(Prefix + "instruction.txt"));

    /// <summary>ASTRAL's <c>instruction</c>, with its placeholders %n, %c, %s, %t and %e.</summary>
    public static string Instruction => InstructionText.Value;

    /// <summary>ASTRAL's <c>style_template[style]</c>.</summary>
    /// <exception cref="ArgumentException">A style ASTRAL has no template for.</exception>
    public static string Style(string style) => Block("styles", style);

    /// <summary>ASTRAL's <c>persuasion_template[technique]</c>.</summary>
    /// <exception cref="ArgumentException">A technique ASTRAL has no template for.</exception>
    public static string Technique(string technique) => Block("techniques", technique);

    private static string Block(string kind, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var resource = $"{Prefix}{kind}.{name}.txt";
        return typeof(AstralGeneratorPrompt).Assembly.GetManifestResourceNames().Contains(resource, StringComparer.Ordinal)
            ? Read(resource)
            : throw new ArgumentException($"ASTRAL's generator prompt has no {kind[..^1]} '{name}'", nameof(name));
    }

    private static string Read(string resource)
    {
        using var stream = typeof(AstralGeneratorPrompt).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing embedded resource {resource}");
        using var reader = new StreamReader(stream, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }
}
