namespace Assay.Core.Judges.Ensembles;

/// <summary>
/// Metric names an ensemble writes per case. Every member's own metrics are kept as <c>{member}/{metric}</c>; its
/// 0/1 verdict as <c>vote/{member}</c>; the per-case majority as <c>majority</c>; the label, when the case has one,
/// as <c>gold</c>. The aggregation reads <c>vote/*</c> and <c>gold</c> back to replay the online weights.
/// </summary>
public static class EnsembleMetrics
{
    public const string Majority = "majority";

    public const string Gold = "gold";

    public const string VotePrefix = "vote/";

    public static string Vote(string member) => VotePrefix + member;

    public static string Member(string member, string metric) => $"{member}/{metric}";

    /// <summary>
    /// A stored vote as 0/1. After samples are averaged (repeats) a vote can be a fraction: it is read by its
    /// majority, and an exact half is no vote.
    /// </summary>
    public static int? AsVote(double? value) => value switch
    {
        null => null,
        > 0.5 => 1,
        < 0.5 => 0,
        _ => null,
    };
}
