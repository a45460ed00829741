namespace Assay.Core.JudgeEval;

/// <summary>
/// The subsets of LLMBar (Zeng et al., ICLR 2024) at commit 900616b: the Natural set and the four Adversarial sets
/// (100 and 134 + 92 + 47 + 46 = 319 pairs), and the processed, tie-free subsets of MT-Bench human judgments,
/// FairEval and LLMEval² (200, 66, 200 pairs) that the paper also evaluates on.
/// </summary>
public static class LlmBarSubsets
{
    public static LlmBarSubset Natural { get; } = new("Natural", "LLMBar/Natural/dataset.json");

    public static IReadOnlyList<LlmBarSubset> Adversarial { get; } =
    [
        new("Adversarial/Neighbor", "LLMBar/Adversarial/Neighbor/dataset.json"),
        new("Adversarial/GPTInst", "LLMBar/Adversarial/GPTInst/dataset.json"),
        new("Adversarial/GPTOut", "LLMBar/Adversarial/GPTOut/dataset.json"),
        new("Adversarial/Manual", "LLMBar/Adversarial/Manual/dataset.json"),
    ];

    public static IReadOnlyList<LlmBarSubset> Processed { get; } =
    [
        new("MT-Bench", "Processed/MT-Bench/dataset.json"),
        new("FairEval", "Processed/FairEval/dataset.json"),
        new("LLMEval^2", "Processed/LLMEval^2/dataset.json"),
    ];

    /// <summary>Natural and Adversarial: the LLMBar benchmark proper.</summary>
    public static IReadOnlyList<LlmBarSubset> LlmBar { get; } = [Natural, .. Adversarial];

    public static IReadOnlyList<LlmBarSubset> All { get; } = [.. LlmBar, .. Processed];
}
