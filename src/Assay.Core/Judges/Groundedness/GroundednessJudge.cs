using System.Text;
using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Groundedness;

/// <summary>
/// RAG groundedness and attribution of the answer to the case's last turn. Every citation (see
/// <see cref="CitationExtractor"/>) is one of: hallucinated (it names no document of the case; decided without the
/// LLM), supported or unsupported (the judge LLM reads the claim against the cited document, one call per citation).
/// Metrics are shares of the answer's citations: <c>supported_rate</c>, <c>unsupported_rate</c>,
/// <c>hallucinated_rate</c>, plus the count <c>citations</c>. An unreadable verdict leaves the supported/unsupported
/// rates unscored with the judge's raw text; an answer that cites nothing has no rates (unscored, with the reason).
/// </summary>
public sealed class GroundednessJudge : ICaseJudge
{
    public const string JudgeName = "groundedness";

    public const string Supported = "supported_rate";

    public const string Unsupported = "unsupported_rate";

    public const string Hallucinated = "hallucinated_rate";

    public const string Citations = "citations";

    public string Name => JudgeName;

    public bool RequiresModel => true;

    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer answer, ChatConfiguration? judgeModel, CancellationToken cancellationToken)
    {
        if (ModelJudgeInputs.TargetFailed(evalCase, answer, judgeModel))
        {
            return [];
        }

        if (evalCase.Documents is not { Count: > 0 } documents)
        {
            return Rates(null, null, null, 0, $"case '{evalCase.Id}' carries no documents to check citations against", null);
        }

        var text = answer.Turns.Count == 0 ? string.Empty : answer.Turns[^1];
        var claims = CitationExtractor.Extract(text, documents);
        if (claims.Count == 0)
        {
            return Rates(null, null, null, 0, "the answer cites no document", null);
        }

        int supported = 0, unsupported = 0, hallucinated = 0;
        var unreadable = new List<string>();
        var raw = new StringBuilder();
        foreach (var claim in claims)
        {
            if (claim.Document is not { } document)
            {
                hallucinated++;
                raw.Append($"[{claim.Marker}] hallucinated: {claim.Claim}\n");
                continue;
            }

            string output;
            try
            {
                var prompt = GroundednessPrompt.Build(document.Id, document.Text, claim.Claim);
                output = (await judgeModel.ChatClient.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], cancellationToken: cancellationToken).ConfigureAwait(false)).Text;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var message = JudgeDiagnostics.JudgeCallFailedPrefix + $"{ex.GetType().Name}: {ex.Message}".ReplaceLineEndings(" ");
                return [new MetricScore(Supported, null, message), new MetricScore(Unsupported, null, message), new MetricScore(Hallucinated, null, message), new MetricScore(Citations, claims.Count)];
            }

            var verdict = GroundednessPrompt.Verdict(output);
            raw.Append($"[{claim.Marker}] {(verdict switch { true => "supported", false => "unsupported", null => "no verdict" })}: {claim.Claim}\n");
            if (verdict is null)
            {
                unreadable.Add(output);
            }
            else if (verdict.Value)
            {
                supported++;
            }
            else
            {
                unsupported++;
            }
        }

        double total = claims.Count;
        var problem = unreadable.Count == 0
            ? null
            : $"{unreadable.Count} judge output(s) had no single [[SUPPORTED]]/[[UNSUPPORTED]] verdict: {string.Join(" | ", unreadable.Select(u => u.ReplaceLineEndings(" ")))}";
        return Rates(
            problem is null ? supported / total : null,
            problem is null ? unsupported / total : null,
            hallucinated / total,
            claims.Count,
            problem,
            raw.ToString().TrimEnd());
    }

    private static List<MetricScore> Rates(double? supported, double? unsupported, double? hallucinated, int citations, string? problem, string? raw) =>
    [
        new(Supported, supported, supported is null ? problem : null, raw),
        new(Unsupported, unsupported, unsupported is null ? problem : null),
        new(Hallucinated, hallucinated, hallucinated is null ? problem : null),
        new(Citations, citations),
    ];
}
