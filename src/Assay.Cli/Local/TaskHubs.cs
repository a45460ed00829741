using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Assay.Cli.Local;

/// <summary>
/// The task hub a local command joins: <c>--task-hub</c>, else the <c>TaskHubName</c> setting (the Functions app's
/// setting of the same name), else <c>assay</c>. Processes on one storage account share work only within one hub.
/// </summary>
internal static partial class TaskHubs
{
    public const string Default = "assay";

    public const string Setting = "TaskHubName";

    public static string Resolve(string? option, IConfiguration configuration)
    {
        var name = option ?? configuration[Setting] ?? Default;
        // The Azure Storage backend names queues, tables and a container after it: letters and digits, 3-45 of them.
        if (!HubName().IsMatch(name))
        {
            throw new CliException($"task hub '{name}': use 3 to 45 letters and digits, starting with a letter ({(option is null ? Setting + " setting" : "--task-hub")})");
        }

        return name;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex HubName();
}
