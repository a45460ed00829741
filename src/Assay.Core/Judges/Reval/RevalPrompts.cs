using System.Globalization;
using System.Text;

namespace Assay.Core.Judges.Reval;

/// <summary>
/// Assay's own wording of the REval questions (not REval's published prompt text). The first turn shows the program
/// with line numbers and the call; each question asks for the answer alone between [ANSWER] and [/ANSWER], the
/// answer convention of REval's scorer.
/// </summary>
public static class RevalPrompts
{
    public static string Invocation(string entryPoint, string input)
    {
        // DREval writes the arguments as a Python tuple, "(3,)" or "([1, 2], 3)": the call is the name followed by it.
        var arguments = input.Trim();
        if (arguments.EndsWith(",)", StringComparison.Ordinal))
        {
            arguments = arguments[..^2] + ")";
        }

        return entryPoint + arguments;
    }

    public static string Preamble(string program, string invocation)
    {
        var numbered = new StringBuilder();
        var lines = program.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            numbered.Append(CultureInfo.InvariantCulture, $"{i + 1}\t{lines[i].TrimEnd('\r')}\n");
        }

        return "Here is a Python program, with line numbers:\n\n```python\n" + numbered + "```\n\n" +
               $"It is called as `{invocation}`. Without running it, answer the questions I ask one at a time. " +
               "Reply with the answer alone between [ANSWER] and [/ANSWER].\n\n";
    }

    public static string Question(string kind, int? line, string? codeLine, string? variable, string invocation) => kind switch
    {
        RevalKind.CoveredLine => $"Is line {line} (`{codeLine}`) executed during this call? Answer YES or NO.",
        RevalKind.VariableValue => $"What value does `{variable}` hold right after line {line} (`{codeLine}`) is executed? " +
                                   "If the line runs several times, any one of its values counts. Give a Python literal.",
        RevalKind.NextLine => $"After line {line} (`{codeLine}`) is executed, which line is executed next? " +
                              "Give the line number, or -1 if the call returns there.",
        RevalKind.Output => $"What does `{invocation}` return? Give a Python literal.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"known kinds: {string.Join(", ", RevalKind.All)}"),
    };
}
