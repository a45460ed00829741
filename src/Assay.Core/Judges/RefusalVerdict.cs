namespace Assay.Core.Judges;

/// <summary>The classifier's label and why: the rule that decided and the text it matched.</summary>
/// <param name="Rule">Stable rule name, e.g. <c>first-person refusal</c>, or <c>no rule matched</c>.</param>
/// <param name="Evidence">The matched phrase (lower-cased), when a pattern decided.</param>
public sealed record RefusalVerdict(RefusalLabel Label, string Rule, string? Evidence = null)
{
    public bool IsRefusal => Label == RefusalLabel.Refusal;

    public override string ToString() =>
        Evidence is null ? $"{Label} ({Rule})" : $"{Label} ({Rule}: \"{Evidence}\")";
}
