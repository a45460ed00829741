using System.Reflection;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// AlpacaEval 2.0's weighted GPT-4 Turbo judge prompt (<c>alpaca_eval_clf.txt</c>, see Prompts/SOURCE.txt), split into
/// messages as AlpacaEval does: each <c>&lt;|im_start|&gt;role\n … &lt;|im_end|&gt;</c> block is one message with its
/// content stripped. Output 1 is model "m", output 2 model "M"; the judge answers one token.
/// </summary>
public static class AlpacaEvalPrompt
{
    public const string Resource = "Assay.Core.Judges.Pairwise.Prompts.alpaca_eval_clf_gpt4_turbo.txt";

    /// <summary>The token that names output 1 (<c>numerator_token</c> in AlpacaEval's config).</summary>
    public const string FirstToken = "m";

    /// <summary>The token that names output 2.</summary>
    public const string SecondToken = "M";

    private static readonly Lazy<(string System, string User)> Messages = new(Load);

    /// <summary>The embedded file as shipped.</summary>
    public static string Text => Read();

    public static string System => Messages.Value.System;

    /// <summary>The user message with <c>{instruction}</c>, <c>{output_1}</c> and <c>{output_2}</c> to fill.</summary>
    public static string UserTemplate => Messages.Value.User;

    /// <summary>
    /// Fills the user message. AlpacaEval replaces each <c>{name}</c> by plain string replacement (the template's other
    /// braces are literal); Assay does it in one left-to-right pass, which is the same except that a placeholder written
    /// inside an output is left as text instead of being filled in turn.
    /// </summary>
    public static string Fill(string instruction, string output1, string output2)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["{instruction}"] = instruction, ["{output_1}"] = output1, ["{output_2}"] = output2,
        };
        var template = UserTemplate;
        var output = new System.Text.StringBuilder(template.Length + instruction.Length + output1.Length + output2.Length);
        var i = 0;
        while (i < template.Length)
        {
            var hit = fields.FirstOrDefault(f => string.CompareOrdinal(template, i, f.Key, 0, f.Key.Length) == 0);
            if (hit.Key is null)
            {
                output.Append(template[i++]);
                continue;
            }

            output.Append(hit.Value);
            i += hit.Key.Length;
        }

        return output.ToString();
    }

    private static (string, string) Load()
    {
        var blocks = Read().Trim().Split("<|im_start|>", StringSplitOptions.RemoveEmptyEntries);
        var messages = blocks.Select(b =>
        {
            var newline = b.IndexOf('\n', StringComparison.Ordinal);
            var role = b[..newline].Trim();
            var content = b[(newline + 1)..].Split("<|im_end|>", 2)[0].Trim();
            return (role, content);
        }).ToList();
        return (messages.Single(m => m.role == "system").content, messages.Single(m => m.role == "user").content);
    }

    private static string Read()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
