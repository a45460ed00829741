using Assay.Durable.Runs;

namespace Assay.Functions.Scheduling;

/// <summary>
/// One nightly evaluation: a benchmark blob, its targets and its judge, in run-spec syntax
/// (<c>Nightly__Entries__{name}__Benchmark</c>, <c>...__Targets__0</c>, <c>...__Judge</c>).
/// </summary>
public sealed class NightlyEntry
{
    public string? Benchmark { get; set; }

    public string? Format { get; set; }

    public List<string> Targets { get; set; } = [];

    public string? Judge { get; set; }

    public string? JudgeEndpoint { get; set; }

    public int? BatchSize { get; set; }

    public int? MaxInFlight { get; set; }

    public RunSpec ToSpec(string runId) => new()
    {
        RunId = runId,
        Benchmark = Benchmark,
        Format = Format,
        Targets = Targets,
        Judge = string.IsNullOrWhiteSpace(Judge) ? null : Judge,
        JudgeEndpoint = string.IsNullOrWhiteSpace(JudgeEndpoint) ? null : JudgeEndpoint,
        Options = new RunSpecOptions { BatchSize = BatchSize, MaxInFlight = MaxInFlight },
    };
}
