using System.Text;
using System.Text.Json;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// Arena-Hard-Auto's judge prompts from the embedded byte-identical copies of its configuration: the v0.1 system
/// prompt and template (judge_config.yaml) and the v2 system prompts per category (judge_utils.py's constants).
/// The v2 repository fills the same template; its placeholders are the v0.1 names used here.
/// </summary>
public static class ArenaHardPrompts
{
    public const string ConfigResource = "Assay.Core.Judges.Prompts.arena_hard_judge_config_v0.1.yaml";
    public const string SystemPromptsResource = "Assay.Core.Judges.Prompts.arena_hard_judge_system_prompts_v2.json";

    private static readonly Lazy<(string System, string Template)> V01 = new(LoadV01);
    private static readonly Lazy<IReadOnlyDictionary<string, string>> V2 = new(LoadV2);

    /// <summary>The v0.1 system prompt (judge gpt-4-1106-preview, baseline gpt-4-0314).</summary>
    public static string SystemPrompt => V01.Value.System;

    /// <summary>The user-message template with <c>{question_1}</c>, <c>{answer_1}</c> (assistant A) and <c>{answer_2}</c> (B).</summary>
    public static string Template => V01.Value.Template;

    /// <summary>v2 system prompts by category: hard_prompt, coding, math, creative_writing, arena-hard-v0.1.</summary>
    public static IReadOnlyDictionary<string, string> SystemPromptsV2 => V2.Value;

    private static (string, string) LoadV01()
    {
        string? system = null, template = null;
        foreach (var line in Read(ConfigResource).Split('\n'))
        {
            if (line.StartsWith("system_prompt: \"", StringComparison.Ordinal))
            {
                system = UnquoteYaml(line["system_prompt: ".Length..]);
            }
            else if (line.StartsWith("prompt_template: [\"", StringComparison.Ordinal) && line.EndsWith("\"]", StringComparison.Ordinal))
            {
                template = UnquoteYaml(line["prompt_template: [".Length..^1]);
            }
        }

        return (system ?? throw Missing("system_prompt"), template ?? throw Missing("prompt_template"));
    }

    private static Dictionary<string, string> LoadV2()
    {
        using var document = JsonDocument.Parse(Read(SystemPromptsResource));
        return document.RootElement.EnumerateArray().ToDictionary(
            e => e.GetProperty("category").GetString()!, e => e.GetProperty("system_prompt").GetString()!, StringComparer.Ordinal);
    }

    // A YAML double-quoted scalar on one line: the escapes judge_config.yaml uses (\n, \", \\, \t).
    private static string UnquoteYaml(string quoted)
    {
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"')
        {
            throw new InvalidDataException($"{ConfigResource}: expected a double-quoted string");
        }

        var text = new StringBuilder(quoted.Length);
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            if (quoted[i] != '\\')
            {
                text.Append(quoted[i]);
                continue;
            }

            text.Append(quoted[++i] switch
            {
                'n' => '\n',
                't' => '\t',
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                var other => throw new InvalidDataException($"{ConfigResource}: unsupported escape \\{other}"),
            });
        }

        return text.ToString();
    }

    private static string Read(string resource)
    {
        using var stream = typeof(ArenaHardPrompts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static InvalidDataException Missing(string key) => new($"{ConfigResource}: no '{key}' line");
}
