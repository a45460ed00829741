namespace Assay.Durable.Resolution;

/// <summary>
/// Configuration of model-driven prompt mutations (<c>translate:LANG</c>, <c>persuasion</c>, <c>roleplay</c>): the
/// endpoint that rewrites prompts and translates answers back. Only configuration names it, never a run.
/// </summary>
public sealed class MutationOptions
{
    public const string Section = "Mutations";

    /// <summary>Name of a configured endpoint (<c>Endpoints:{name}</c>).</summary>
    public string? Generator { get; set; }
}
