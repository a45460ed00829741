using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Rubrics;

/// <summary>The reference answer a rubric's <c>{reference}</c> shows.</summary>
public sealed class RubricReferenceContext(string reference) : EvaluationContext("Reference answer", new TextContent(reference))
{
    public string Reference { get; } = reference;
}
