using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Ensembles;

/// <summary>
/// One judge of an ensemble: <paramref name="Key"/> names it in metric names and the report (its spec text, e.g.
/// <c>refusal</c> or <c>reward:guard</c>), <paramref name="Model"/> is its own endpoint (null for no-LLM judges).
/// </summary>
public sealed record EnsembleMember(string Key, ICaseJudge Judge, ChatConfiguration? Model);
