using Microsoft.Extensions.AI;

namespace Assay.Core.Solvers;

/// <summary>
/// Rewrites a user turn before it is sent (SORRY-Bench's linguistic mutations, ASTRAL's writing styles) and, for
/// mutations that change the answer's language or encoding, turns the answer back into plain English before it is
/// judged. Deterministic mutations ignore the generator; model-driven ones need it.
/// </summary>
public interface IPromptMutation
{
    /// <summary>The name as written after <c>~</c> in a target (<c>base64</c>, <c>translate:fr</c>).</summary>
    string Name { get; }

    /// <summary>Whether <see cref="MutateAsync"/> calls the configured generator endpoint.</summary>
    bool RequiresGenerator { get; }

    /// <param name="seed">Stable per case and turn (the case id and turn number), for seeded mutations.</param>
    Task<string> MutateAsync(string prompt, string seed, IChatClient? generator, CancellationToken cancellationToken);

    /// <summary>The answer as the judge should read it; the answer itself when nothing needs undoing.</summary>
    Task<string> RestoreAsync(string answer, IChatClient? generator, CancellationToken cancellationToken);
}
