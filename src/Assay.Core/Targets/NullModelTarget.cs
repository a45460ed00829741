using System.Reflection;
using Assay.Core.Benchmarks;

namespace Assay.Core.Targets;

/// <summary>
/// The null model: the same constant answer to every turn of every prompt. By default the structured response of
/// the cheating paper, which breaks out of judge templates; a judge that rates it well can be fooled.
/// </summary>
public sealed class NullModelTarget : ITarget
{
    public const string DefaultName = "null";

    private static readonly Lazy<string> PaperResponse = new(LoadPaperResponse);

    public NullModelTarget(string? response = null, string name = DefaultName)
    {
        Name = name;
        Response = response ?? PaperResponse.Value;
    }

    public string Name { get; }

    public string Response { get; }

    /// <summary>The cheating paper's constant response, byte for byte.</summary>
    public static string CheatingPaperResponse => PaperResponse.Value;

    public Task<TargetAnswer> AnswerAsync(EvalCase evalCase, CancellationToken cancellationToken) =>
        Task.FromResult(new TargetAnswer
        {
            CaseId = evalCase.Id,
            Target = Name,
            Turns = Enumerable.Repeat(Response, evalCase.Turns.Count).ToArray(),
        });

    private static string LoadPaperResponse()
    {
        var assembly = typeof(NullModelTarget).Assembly;
        using var stream = assembly.GetManifestResourceStream("Assay.Core.Targets.Baselines.null_model_response.txt")
            ?? throw new InvalidOperationException("The null-model response resource is missing from Assay.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
