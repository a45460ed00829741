using System.Text;
using Assay.Core.Benchmarks;

namespace Assay.Core.Solvers;

/// <summary>
/// The solver step that gives a RAG case's documents to the target: the first user turn is sent as the document
/// block followed by the question, so the model sees exactly what the groundedness judge checks its citations
/// against. The format (docs/groundedness.md) is Assay's own: an instruction to cite by id, then each document as a
/// <c>[id]</c> line and its text, then the turn. Later turns are sent as they are: the documents are already in the
/// history. A case without documents is asked unchanged.
/// </summary>
public static class RetrievedDocuments
{
    public const string Instruction =
        "Answer using the documents below. Cite each document you rely on by its id in square brackets, as written above its text.";

    /// <summary>The first turn with the case's documents in front of it, or the turn itself when there are none.</summary>
    public static string Prompt(EvalCase evalCase, string turn, int turnNumber)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        if (turnNumber != 1 || evalCase.Documents is not { Count: > 0 } documents)
        {
            return turn;
        }

        var prompt = new StringBuilder(Instruction).Append("\n\n");
        foreach (var document in documents)
        {
            prompt.Append('[').Append(document.Id).Append("]\n").Append(document.Text.Trim()).Append("\n\n");
        }

        return prompt.Append(turn).ToString();
    }
}
