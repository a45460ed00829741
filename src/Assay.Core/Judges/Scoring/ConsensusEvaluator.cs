using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// <c>consensus_accuracy</c>: 1 when the label the answer gives equals the case's consensus label, 0 when it gives
/// another label, no value (a diagnostic) when no label can be read. The label is the text after the last
/// "answer:"/"label:" marker, else the answer's last non-empty line; with a label set it must name exactly one of
/// the labels (SQuAD-normalised, as a whole phrase), without one it must be at most three words. Splitting by
/// difficulty is the report's breakdown by the case's <c>difficulty</c> field.
/// </summary>
public sealed partial class ConsensusEvaluator : IEvaluator
{
    public const string MetricName = "consensus_accuracy";

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [MetricName];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelResponse);
        var metric = new NumericMetric(MetricName);
        var context = additionalContext?.OfType<ConsensusContext>().FirstOrDefault();
        if (context is null)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error("the case has no consensus label (metadata 'consensus')"));
        }
        else if (ReadLabel(modelResponse.Text, context.Labels) is { } label)
        {
            metric.Value = string.Equals(label, SquadText.Normalize(context.Consensus), StringComparison.Ordinal) ? 1 : 0;
            metric.Reason = $"answer label '{label}', consensus '{context.Consensus}'";
        }
        else
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error(context.Labels.Count == 0
                ? "unparseable answer: no label could be read from it"
                : $"unparseable answer: it names none, or several, of the labels {string.Join(", ", context.Labels)}"));
        }

        return new(new EvaluationResult(metric));
    }

    /// <summary>The normalised label the answer gives, or null.</summary>
    public static string? ReadLabel(string answer, IReadOnlyList<string> labels)
    {
        var markers = Marker().Matches(answer);
        var candidate = markers.Count > 0
            ? markers[^1].Groups["label"].Value
            : answer.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? string.Empty;
        var normalised = SquadText.Normalize(candidate);
        if (labels.Count == 0)
        {
            var words = SquadText.Tokens(candidate).Length;
            return words is > 0 and <= 3 ? normalised : null;
        }

        var named = labels.Select(SquadText.Normalize).Distinct(StringComparer.Ordinal)
            .Where(l => l.Length > 0 && Regex.IsMatch(normalised, $@"(^|\s){Regex.Escape(l)}(\s|$)"))
            .ToList();
        return named.Count == 1 ? named[0] : null;
    }

    [GeneratedRegex(@"(?:final answer|answer|label)\s*[:=]\s*(?<label>[^\n]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Marker();
}
