using System.Text;
using System.Text.RegularExpressions;
using Assay.Durable.Contracts;
using Microsoft.DurableTask;

namespace Assay.Durable.Orchestrators;

/// <summary>
/// Reads a task failure down to its cause: a failed sub-orchestration's failure is "Task 'X' failed" around the
/// activity's own, so the innermost task named and the first failure that is not a task failure are reported.
/// </summary>
public static partial class RunFailures
{
    public const int MaxDetailLength = 8_000;

    public static RunFailure From(TaskFailedException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var task = exception.TaskName;
        var details = exception.FailureDetails;
        while (details.InnerFailure is { } inner && details.ErrorType.EndsWith(nameof(TaskFailedException), StringComparison.Ordinal))
        {
            task = TaskName().Match(details.ErrorMessage) is { Success: true } m ? m.Groups[1].Value : task;
            details = inner;
        }

        return new RunFailure(task, details.ErrorType, FirstLine(details.ErrorMessage), Detail(exception.FailureDetails));
    }

    /// <summary>The message's first line, capped, without empty fragments.</summary>
    public static string FirstLine(string? message)
    {
        var line = (message ?? string.Empty).ReplaceLineEndings("\n").Split('\n', 2)[0].Trim();
        return line.Length > 1000 ? line[..1000] + "…" : line;
    }

    private static string Detail(TaskFailureDetails? details)
    {
        var text = new StringBuilder();
        for (var level = 0; details is not null && level < 10; level++, details = details.InnerFailure)
        {
            text.Append(level == 0 ? string.Empty : "--- caused by ---\n")
                .Append(details.ErrorType).Append(": ").Append(details.ErrorMessage).Append('\n')
                .Append(details.StackTrace).Append('\n');
        }

        return text.Length > MaxDetailLength ? text.ToString(0, MaxDetailLength) + "…" : text.ToString();
    }

    [GeneratedRegex("^Task '([^']+)'")]
    private static partial Regex TaskName();
}
