namespace Assay.Core.Debates;

/// <summary>
/// One LOGICOM claim: the persuader argues for <see cref="Claim"/> on <see cref="Topic"/>, starting from
/// <see cref="Reason"/>. These three fill the prompts' <c>&lt;TOPIC&gt;</c>, <c>&lt;CLAIM&gt;</c> and <c>&lt;REASON&gt;</c>.
/// </summary>
/// <param name="Id">The dataset's <c>id</c> column (unique; names the claim's blobs).</param>
/// <param name="Line">1-based line of the CSV record, for messages.</param>
public sealed record DebateClaim(string Id, string Topic, string Claim, string Reason, long Line = 0)
{
    /// <summary>The placeholders of LOGICOM's prompt files (its <c>get_variables</c>) that the prompts used here contain.</summary>
    public IReadOnlyDictionary<string, string> Variables() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["<TOPIC>"] = Topic,
        ["<CLAIM>"] = Claim,
        ["<REASON>"] = Reason,
    };
}
