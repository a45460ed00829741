using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Targets;

namespace Assay.Durable.Activities;

/// <summary>A judge as the activity applies it to one case: by name, with the baseline answer's length for pairwise ones.</summary>
internal sealed record CaseJudgement(
    string Name,
    Func<EvalCase, TargetAnswer, CancellationToken, Task<IReadOnlyList<MetricScore>>> Judge,
    Func<EvalCase, int?> BaselineLength);
