using System.ComponentModel.DataAnnotations;

namespace Assay.Functions.Intake;

/// <summary>
/// How uploaded benchmarks are handled (configuration section <c>Intake</c>, app settings <c>Intake__...</c>).
/// Validated at start-up, including the default targets and judge against the configured endpoints.
/// </summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Uploads larger than this are rejected before they are read.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBenchmarkBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// Targets of a run started by an upload, in run-spec syntax (endpoint names, null, refuse, recorded:BLOB);
    /// <c>null</c> and <c>refuse</c> when none are configured. (No initial items: the binder appends to a list.)
    /// </summary>
    public List<string> DefaultTargets { get; set; } = [];

    /// <summary>The targets a run gets: the configured ones, or the two built-in baselines.</summary>
    public IReadOnlyList<string> EffectiveTargets => DefaultTargets.Count > 0 ? DefaultTargets : ["null", "refuse"];

    /// <summary>Judge of a run started by an upload; the benchmark's own judge when empty.</summary>
    public string? DefaultJudge { get; set; }

    /// <summary>Endpoint for the benchmark's own LLM judge (MT-Bench) when <see cref="DefaultJudge"/> names none.</summary>
    public string? DefaultJudgeEndpoint { get; set; }

    /// <summary>Container that receives rejected uploads and their <c>{name}.error.json</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string RejectedContainer { get; set; } = "benchmarks-rejected";
}
