namespace Assay.Core.Judges.Reval;

/// <summary>
/// The four REval runtime-behaviour questions (Chen et al. 2024, DREval), in the order REval chains them for
/// incremental consistency: code coverage, program state, execution path, output.
/// </summary>
public static class RevalKind
{
    /// <summary>Is line L executed for this input? Ground truth <c>yes</c> or <c>no</c>.</summary>
    public const string CoveredLine = "covered-line";

    /// <summary>The value of variable V after line L runs; any of the values it takes there counts.</summary>
    public const string VariableValue = "variable-value";

    /// <summary>The line executed after line L (-1 when the call returns there); any observed successor counts.</summary>
    public const string NextLine = "next-line";

    /// <summary>The value the call returns.</summary>
    public const string Output = "output";

    public static IReadOnlyList<string> All { get; } = [CoveredLine, VariableValue, NextLine, Output];

    /// <summary>Metric name of a kind: <c>covered_line</c>, <c>variable_value</c>, <c>next_line</c>, <c>output</c>.</summary>
    public static string Metric(string kind) => kind.Replace('-', '_');
}
