namespace Assay.Durable.Contracts;

/// <summary>
/// AlpacaEval's <c>length_controlled_v1</c> inputs for a run, as blobs in the benchmarks container: the published
/// per-instruction difficulty (<c>instruction_difficulty.csv</c>) and, optionally, the gamed baselines' annotations
/// (<c>df_gamed.csv</c>) for its regularisation. See <see cref="Core.Statistics.LengthControlV1Inputs"/>.
/// </summary>
public sealed record LcV1Files(string DifficultyBlob, string? GamedBlob = null);
