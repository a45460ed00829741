namespace Assay.Core.Judges.Pairwise;

/// <summary>A pairwise verdict as the judge wrote it, about the assistants in the order they were shown (A first).</summary>
public enum PairwiseLabel
{
    /// <summary>[[A&gt;&gt;B]]</summary>
    AMuchBetter = 2,

    /// <summary>[[A&gt;B]], or MT-Bench's [[A]]</summary>
    ABetter = 1,

    /// <summary>[[A=B]], or MT-Bench's [[C]]</summary>
    Tie = 0,

    /// <summary>[[B&gt;A]], or MT-Bench's [[B]]</summary>
    BBetter = -1,

    /// <summary>[[B&gt;&gt;A]]</summary>
    BMuchBetter = -2,
}
