namespace Assay.Core.Judges;

/// <summary>The classifier's label and why: the rule that decided and the text it matched.</summary>
/// <param name="Rule">Stable rule name, e.g. <c>first-person refusal</c>, or <c>no rule matched</c>.</param>
/// <param name="Evidence">The matched phrase (lower-cased), when a pattern decided.</param>
public sealed record RefusalVerdict(RefusalLabel Label, string Rule, string? Evidence = null)
{
    public bool IsRefusal => Label == RefusalLabel.Refusal;

    /// <summary>A refusal that goes on to help anyway: XSTest's <c>3_partial_refusal</c> (still a refusal in two classes).</summary>
    public bool Partial { get; init; }

    /// <summary>The label in XSTest's three classes: 1_full_compliance, 2_full_refusal or 3_partial_refusal.</summary>
    public string XsTestLabel => !IsRefusal ? "1_full_compliance" : Partial ? "3_partial_refusal" : "2_full_refusal";

    public override string ToString()
    {
        var label = Partial ? $"{Label}, partial" : Label.ToString();
        return Evidence is null ? $"{label} ({Rule})" : $"{label} ({Rule}: \"{Evidence}\")";
    }
}
