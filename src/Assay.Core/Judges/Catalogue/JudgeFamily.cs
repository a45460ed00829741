namespace Assay.Core.Judges.Catalogue;

/// <summary>What kind of judge a catalogue entry is; decides which factory it has and how a run uses it.</summary>
public enum JudgeFamily
{
    /// <summary>Rules or reference matching: no endpoint, nothing to flatter.</summary>
    NoLlm,

    /// <summary>A model judges one answer at a time (a chat judge, a guard or a reward model).</summary>
    LlmCase,

    /// <summary>A model compares each answer with the baseline's (or, in an arena, every pair).</summary>
    Pairwise,

    /// <summary>Several case judges combined by a vote.</summary>
    Ensemble,
}

/// <summary>The kind of endpoint a judge calls, if any.</summary>
public enum JudgeEndpoint
{
    None,

    /// <summary>An OpenAI-compatible chat endpoint.</summary>
    Chat,

    /// <summary>A <c>ScoreHttp</c> endpoint (a reward model or classifier) that returns a number per conversation.</summary>
    Score,
}
