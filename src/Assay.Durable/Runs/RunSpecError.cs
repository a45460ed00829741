namespace Assay.Durable.Runs;

/// <summary>
/// One problem with a run spec: the field (<c>targets[1]</c>, <c>benchmark</c>) and what is wrong. The message never
/// repeats a URL or value that could carry a secret; it names the field and the rule.
/// </summary>
public sealed record RunSpecError(string Field, string Problem)
{
    public override string ToString() => $"{Field}: {Problem}";
}
