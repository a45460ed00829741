namespace Assay.Core.JudgeEval;

/// <summary>One LLMBar <c>dataset.json</c>: the subset's name and its path below LLMBar's <c>Dataset/</c> folder.</summary>
public sealed record LlmBarSubset(string Name, string RelativePath)
{
    /// <summary>The top-level group: <c>Adversarial</c> for <c>Adversarial/Neighbor</c>, else the name itself.</summary>
    public string Group => Name.Split('/')[0];
}
