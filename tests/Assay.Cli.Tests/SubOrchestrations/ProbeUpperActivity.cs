using System.Globalization;
using Microsoft.DurableTask;

namespace Assay.Cli.Tests.SubOrchestrations;

public sealed class ProbeUpperActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        Task.FromResult(input.ToUpper(CultureInfo.InvariantCulture));
}
