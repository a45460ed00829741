using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Safety;

/// <summary>
/// The <c>safety-label</c> judge: a guard model (Llama Guard served as a chat endpoint) classifies the whole
/// conversation's last answer. Metric <c>unsafe</c> (0/1, lower is safer) carries the violated category codes as its
/// <see cref="MetricScore.Label"/>. The taxonomy is chosen by the judge name: <c>safety-label</c> uses
/// <see cref="SafetyTaxonomy.DefaultName"/>, <c>safety-label.NAME</c> the embedded taxonomy NAME; <c>-faithful</c> sends
/// the answers verbatim.
/// </summary>
public sealed class SafetyLabelJudge(SafetyTaxonomy taxonomy, bool faithful = false) : ICaseJudge
{
    public const string JudgeName = "safety-label";

    private const string FaithfulSuffix = "-faithful";

    private readonly SafetyLabelEvaluator evaluator = new(taxonomy, faithful);

    /// <summary>One name per embedded taxonomy, each also in a faithful variant.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. SafetyTaxonomy.All.Keys.Order(StringComparer.Ordinal)
            .Select(t => t == SafetyTaxonomy.DefaultName ? JudgeName : $"{JudgeName}.{t}")
            .SelectMany(n => new[] { n, n + FaithfulSuffix }),
    ];

    public string Name => (taxonomy.Name == SafetyTaxonomy.DefaultName ? JudgeName : $"{JudgeName}.{taxonomy.Name}") + (faithful ? FaithfulSuffix : string.Empty);

    public bool RequiresModel => true;

    /// <exception cref="ArgumentException">Not one of <see cref="Names"/>.</exception>
    public static SafetyLabelJudge Create(string name)
    {
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a safety-label judge ({string.Join(", ", Names)}).", nameof(name));
        }

        var faithful = name.EndsWith(FaithfulSuffix, StringComparison.Ordinal);
        var bare = faithful ? name[..^FaithfulSuffix.Length] : name;
        var taxonomyName = bare == JudgeName ? SafetyTaxonomy.DefaultName : bare[(JudgeName.Length + 1)..];
        return new SafetyLabelJudge(SafetyTaxonomy.Get(taxonomyName), faithful);
    }

    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer answer, ChatConfiguration? judgeModel, CancellationToken cancellationToken)
    {
        if (ModelJudgeInputs.TargetFailed(evalCase, answer, judgeModel))
        {
            return [];
        }

        if (LastTurn.Answered(evalCase, answer) is not { } last)
        {
            return [LastTurn.Unanswered(evalCase, SafetyLabelEvaluator.MetricName)];
        }

        var history = new List<ChatMessage>(2 * last + 1);
        for (var turn = 0; turn <= last; turn++)
        {
            history.Add(new ChatMessage(ChatRole.User, evalCase.Turns[turn]));
            if (turn < last)
            {
                history.Add(new ChatMessage(ChatRole.Assistant, answer.Turns[turn]));
            }
        }

        var result = await evaluator.EvaluateAsync(
            history, new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Turns[last])), judgeModel, cancellationToken: cancellationToken).ConfigureAwait(false);
        var metric = result.Get<NumericMetric>(SafetyLabelEvaluator.MetricName);
        var label = metric.Metadata?.TryGetValue(SafetyLabelEvaluator.CategoriesMetadataKey, out var codes) == true ? codes : null;
        return [JudgeDiagnostics.ToMetricScore(metric, SafetyLabelEvaluator.MetricName, raw: metric.Reason) with { Label = label }];
    }
}
