using System.Text;

namespace Assay.Core.Debates;

/// <summary>One LOGICOM prompt file: the text after <c>==== SYSTEM ====</c> and after <c>==== ASSISTANT ====</c>.</summary>
public sealed record LogicomPrompt(string Name, string System, string Assistant)
{
    /// <summary>
    /// Fills placeholders like LOGICOM's <c>replace_variables</c>, but in one pass: inserted text (a model's reply that
    /// happens to contain <c>&lt;HISTORY&gt;</c>) is never itself replaced. Identical whenever values hold no placeholder.
    /// </summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(variables);
        var output = new StringBuilder(template.Length);
        var i = 0;
        while (i < template.Length)
        {
            var match = template[i] == '<' ? variables.Keys.FirstOrDefault(k => string.CompareOrdinal(template, i, k, 0, k.Length) == 0) : null;
            if (match is null)
            {
                output.Append(template[i++]);
                continue;
            }

            output.Append(variables[match]);
            i += match.Length;
        }

        return output.ToString();
    }
}

/// <summary>
/// LOGICOM's prompt files, embedded byte for byte from the dataset's <c>prompts/</c> folder (see Prompts/SOURCE.txt), and
/// split as its <c>extract_prompt</c> does: the text between the markers, stripped of surrounding whitespace.
/// </summary>
public static class LogicomPrompts
{
    public static LogicomPrompt Persuader { get; } = Load("persuader_claim_reason_instruction.txt");

    public static LogicomPrompt Debater { get; } = Load("debater_claim_reason_instruction.txt");

    public static LogicomPrompt FallacyHelper { get; } = Load("Fallacy_Helper.txt");

    public static LogicomPrompt VanillaHelper { get; } = Load("Vanilla_Helper.txt");

    public static LogicomPrompt ModeratorTagChecker { get; } = Load("moderator_TagChecker_instruction.txt");

    public static LogicomPrompt ModeratorTerminator { get; } = Load("moderator_terminator_instruction.txt");

    /// <summary>
    /// The message LOGICOM's persuader sends its helper when the helper's reply could not be parsed (persuaderAgent.py),
    /// with the unparseable reply appended.
    /// </summary>
    public const string HelperRepair =
        "You have generated this before. Follow the syntax and give it back in a way that I can pass it to ast.literal_eval(), make sure not to change any content: ";

    /// <summary>The raw file content, for byte-for-byte checks.</summary>
    public static string Raw(string file)
    {
        using var stream = typeof(LogicomPrompts).Assembly.GetManifestResourceStream("Assay.Core.Debates.Prompts." + file)
            ?? throw new InvalidOperationException($"embedded LOGICOM prompt {file} is missing");
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    private static LogicomPrompt Load(string file)
    {
        const string SystemMarker = "==== SYSTEM ====";
        const string AssistantMarker = "==== ASSISTANT ====";
        var content = Raw(file);
        var systemStart = content.IndexOf(SystemMarker, StringComparison.Ordinal);
        var assistantStart = content.IndexOf(AssistantMarker, StringComparison.Ordinal);
        if (systemStart < 0 || assistantStart < systemStart)
        {
            throw new InvalidOperationException($"LOGICOM prompt {file} lacks its SYSTEM/ASSISTANT markers");
        }

        var system = content[(systemStart + SystemMarker.Length)..assistantStart].Trim();
        var assistant = content[(assistantStart + AssistantMarker.Length)..].Trim();
        return new LogicomPrompt(Path.GetFileNameWithoutExtension(file), system, assistant);
    }
}
