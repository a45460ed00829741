using Assay.Core.Judges.Ensembles;
using Assay.Core.Judges.Groundedness;
using Assay.Core.Judges.Pairwise;
using Assay.Core.Judges.Reval;
using Assay.Core.Judges.Rubrics;
using Assay.Core.Judges.Safety;
using Assay.Core.Judges.Scoring;
using static Assay.Core.Judges.Catalogue.JudgeMetric;

namespace Assay.Core.Judges.Catalogue;

// The catalogue itself: one entry per judge. Adding a judge is one entry here plus the judge's own classes
// (docs/judges.md, "Adding a judge"); the tests then require an injection case and a simulated reply for it.
public static partial class JudgeCatalogue
{
    private const string RuleCannotBeFlattered = "no LLM: a rule reads the answer, and a constant answer cannot flatter it";

    private const string HarmlessCanary =
        "the null model's constant answer is harmless, so a guard that calls it safe is right whether or not it can be fooled";

    private static readonly JudgeMetric[] PairwiseTurn1 = [Higher(PairwiseMetrics.Win), Raw(PairwiseMetrics.Consistent), Raw(PairwiseMetrics.Verdict1), Raw(PairwiseMetrics.Verdict2)];

    public static IReadOnlyList<JudgeDescriptor> All { get; } =
    [
        new()
        {
            Name = RefusalJudge.JudgeName, Family = JudgeFamily.NoLlm,
            Metrics = [Neutral("refusal"), Higher(RefusalJudge.UnsafeRefusalMetricName), Lower(RefusalJudge.OverRefusalMetricName)],
            PrimaryMetric = "refusal", Canary = CanaryRule.None(RuleCannotBeFlattered),
            Help = "rule-based refusal classifier (XSTest, SORRY-Bench, AdvBench, RMCBench)",
            CreateCase = _ => new RefusalJudge(),
        },
        Scoring(ScoringJudges.MultipleChoice, [Higher(MultipleChoiceEvaluator.MetricName)], "the chosen letter against the answer key (LabSafety)"),
        Scoring(ScoringJudges.ExactMatch, [Higher(ExactMatchEvaluator.ExactMetricName), Higher(ExactMatchEvaluator.NormalizedMetricName), Higher(TokenF1Evaluator.MetricName)], "exact and SQuAD-normalised match, token F1, against the references"),
        Scoring(ScoringJudges.TextOverlap, [Higher(RougeLEvaluator.MetricName), Higher(BleuEvaluator.MetricName)], "ROUGE-L and BLEU against the references"),
        Scoring(ScoringJudges.NumericMatch, [Higher(NumericMatchEvaluator.MetricName)], "the last number in the answer against the reference"),
        Scoring(ScoringJudges.Consensus, [Higher(ConsensusEvaluator.MetricName)], "majority answer over samples against the reference (its own format)"),
        new()
        {
            Name = RevalJudge.JudgeName, Family = JudgeFamily.NoLlm,
            Metrics = [Higher(RevalJudge.ConsistencyMetric), .. RevalKind.All.Select(k => Higher(RevalKind.Metric(k)))],
            PrimaryMetric = RevalJudge.ConsistencyMetric, Canary = CanaryRule.None(RuleCannotBeFlattered),
            Help = "REval's code-execution questions and incremental consistency (its own format)",
            CreateCase = _ => new RevalJudge(),
        },
        new()
        {
            Name = MtBenchJudge.JudgeName, Family = JudgeFamily.LlmCase, Endpoint = JudgeEndpoint.Chat, HasFaithfulVariant = true,
            Metrics = [Higher(MtBenchJudge.ScoreMetricName), Higher("turn*")],
            PrimaryMetric = MtBenchJudge.ScoreMetricName, Canary = CanaryRule.Mean(MtBenchJudge.ScoreMetricName, 3.0),
            Help = "FastChat's MT-Bench single-answer grading, 1-10 per turn",
            CreateCase = b => new MtBenchJudge(b.Faithful),
        },
        new()
        {
            Name = RewardJudge.JudgeName, Family = JudgeFamily.LlmCase, Endpoint = JudgeEndpoint.Score,
            Metrics = [Higher(RewardJudge.MetricName)],
            PrimaryMetric = RewardJudge.MetricName, Canary = CanaryRule.BelowEveryTarget(RewardJudge.MetricName),
            Help = "a reward model's score of the conversation (a ScoreHttp endpoint; its scale is its own)",
            CreateCase = _ => new RewardJudge(),
        },
        new()
        {
            Name = FulfilmentJudge.JudgeName, Family = JudgeFamily.LlmCase, Endpoint = JudgeEndpoint.Chat, HasFaithfulVariant = true,
            Metrics = [Lower(FulfilmentEvaluator.MetricName)],
            PrimaryMetric = FulfilmentEvaluator.MetricName, Canary = CanaryRule.Mean(FulfilmentEvaluator.MetricName, 0.25),
            Help = "SORRY-Bench's fulfilment judge: 1 when the answer complies with the request",
            CreateCase = b => new FulfilmentJudge(b.Faithful),
        },
        new()
        {
            Name = SafetyLabelJudge.JudgeName, Family = JudgeFamily.LlmCase, Endpoint = JudgeEndpoint.Chat, HasFaithfulVariant = true,
            Parameter = new("TAXONOMY", Required: false, Example: "llama-guard-2",
                Check: t => SafetyTaxonomy.All.ContainsKey(t) ? null : $"no safety taxonomy '{t}' (known: {string.Join(", ", SafetyTaxonomy.All.Keys.Order(StringComparer.Ordinal))})"),
            Metrics = [Lower(SafetyLabelEvaluator.MetricName)],
            PrimaryMetric = SafetyLabelEvaluator.MetricName, Canary = CanaryRule.None(HarmlessCanary),
            Help = "a Llama-Guard-style guard model labels the answer safe or unsafe, with categories",
            CreateCase = b => new SafetyLabelJudge(SafetyTaxonomy.Get(b.Parameter ?? SafetyTaxonomy.DefaultName), b.Faithful),
        },
        new()
        {
            Name = XsTestRefusalJudge.JudgeName, Family = JudgeFamily.LlmCase, Endpoint = JudgeEndpoint.Chat, HasFaithfulVariant = true,
            Metrics = [Neutral(XsTestRefusalEvaluator.MetricName), Higher(RefusalJudge.UnsafeRefusalMetricName), Lower(RefusalJudge.OverRefusalMetricName)],
            PrimaryMetric = XsTestRefusalEvaluator.MetricName,
            Canary = CanaryRule.None("a refusal rate has no better side: a constant answer cannot show whether the classifier was swayed"),
            Help = "XSTest's GPT-4 refusal classifier (full compliance, full or partial refusal)",
            CreateCase = b => new XsTestRefusalJudge(b.Faithful),
        },
        new()
        {
            Name = AstralOracleJudge.JudgeName, Family = JudgeFamily.LlmCase, Endpoint = JudgeEndpoint.Chat,
            Metrics = [Lower(AstralOracleJudge.MetricName)],
            PrimaryMetric = AstralOracleJudge.MetricName, Canary = CanaryRule.Mean(AstralOracleJudge.MetricName, 0.25),
            Help = "ASTRAL's safety oracle: safe or unsafe; its canary catches an oracle that calls a harmless constant answer unsafe, not one that can be talked into \"safe\"",
            CreateCase = _ => new AstralOracleJudge(),
        },
        new()
        {
            Name = GroundednessJudge.JudgeName, Family = JudgeFamily.LlmCase, Endpoint = JudgeEndpoint.Chat,
            Metrics = [Higher(GroundednessJudge.Supported), Lower(GroundednessJudge.Unsupported), Lower(GroundednessJudge.Hallucinated), Neutral(GroundednessJudge.Citations)],
            PrimaryMetric = GroundednessJudge.Supported, Canary = CanaryRule.Mean(GroundednessJudge.Supported, 0.25),
            Help = "whether each cited claim is supported by the case's documents (RAG)",
            CreateCase = _ => new GroundednessJudge(),
        },
        new()
        {
            Name = "rubric", Family = JudgeFamily.LlmCase, Endpoint = JudgeEndpoint.Chat,
            Parameter = new("NAME", Required: true, Example: "helpful"),
            Metrics = [Higher("*")],
            PrimaryMetric = "*", Canary = CanaryRule.BelowEveryTarget("*"),
            Help = "your own rubric, configured as Rubrics:NAME:File; its metric is the rubric's (default `score`)",
            CreateCase = b => b.Rubrics?.Find(b.Parameter!) is { } rubric
                ? new RubricJudge(b.Parameter!, rubric)
                : throw new InvalidOperationException(b.Rubrics?.Missing(b.Name) ?? $"judge '{b.Name}': no rubrics are configured"),
        },
        new()
        {
            Name = ArenaHardJudge.JudgeName, Family = JudgeFamily.Pairwise, Endpoint = JudgeEndpoint.Chat, HasFaithfulVariant = true,
            Metrics = PairwiseTurn1,
            PrimaryMetric = PairwiseMetrics.Win, Canary = CanaryRule.OutrightWins(PairwiseMetrics.Win, 0.1),
            Help = "Arena-Hard-Auto's judge against the baseline, both orders",
            CreatePairwise = b => new ArenaHardJudge(b.Faithful),
        },
        new()
        {
            Name = MtBenchPairJudge.JudgeName, Family = JudgeFamily.Pairwise, Endpoint = JudgeEndpoint.Chat, HasFaithfulVariant = true,
            Metrics = [.. PairwiseTurn1, Higher("win_turn*"), Raw("consistent_turn*"), Raw("verdict1_turn*"), Raw("verdict2_turn*")],
            PrimaryMetric = PairwiseMetrics.Win, Canary = CanaryRule.OutrightWins(PairwiseMetrics.Win, 0.1),
            Help = "FastChat's MT-Bench pairwise judge against the baseline, both orders, turn 2 too",
            CreatePairwise = b => new MtBenchPairJudge(b.Faithful),
        },
        new()
        {
            Name = AlpacaEvalWeightedJudge.JudgeName, Family = JudgeFamily.Pairwise, Endpoint = JudgeEndpoint.Chat, HasFaithfulVariant = true,
            Metrics = [.. PairwiseTurn1, Raw(AlpacaEvalWeightedJudge.Preference1), Raw(AlpacaEvalWeightedJudge.Preference2)],
            PrimaryMetric = PairwiseMetrics.Win, Canary = CanaryRule.Mean(PairwiseMetrics.Win, 0.25),
            Help = "AlpacaEval's weighted judge: a soft preference from the verdict token's log-probabilities, both orders",
            CreatePairwise = b => new AlpacaEvalWeightedJudge(b.Faithful),
        },
        new()
        {
            Name = RewardPairJudge.JudgeName, Family = JudgeFamily.Pairwise, Endpoint = JudgeEndpoint.Score,
            Metrics = [.. PairwiseTurn1, Higher(RewardPairJudge.MarginMetric)],
            PrimaryMetric = PairwiseMetrics.Win, Canary = CanaryRule.OutrightWins(PairwiseMetrics.Win, 0.1),
            Help = "a reward model scores both answers; the higher reward wins (RewardBench)",
            CreatePairwise = _ => new RewardPairJudge(),
        },
        new()
        {
            Name = EnsembleJudge.JudgeName, Family = JudgeFamily.Ensemble,
            Metrics = [Neutral(EnsembleMetrics.Majority), Raw(EnsembleMetrics.Gold), Raw(EnsembleMetrics.VotePrefix + "*")],
            PrimaryMetric = EnsembleMetrics.Majority,
            Canary = CanaryRule.None("an ensemble's majority is the rate of a class, with no better side; run a member alone to canary it"),
            Help = "case judges combined by majority vote or Hedge's online weights (docs/ensembles.md)",
            CreateCase = b => new EnsembleJudge(b.Name, b.Members ?? throw new InvalidOperationException("an ensemble is built from its resolved members")),
        },
    ];

    private static JudgeDescriptor Scoring(string name, JudgeMetric[] metrics, string help) => new()
    {
        Name = name, Family = JudgeFamily.NoLlm, Metrics = metrics, PrimaryMetric = metrics[0].Name,
        Canary = CanaryRule.None(RuleCannotBeFlattered), Help = help,
        CreateCase = _ => ScoringJudges.Create(name),
    };
}
