using Assay.Core.Benchmarks;

namespace Assay.Core.Targets;

/// <summary>
/// A target that replays published answers, so a judge can be scored against known outputs without calling
/// the model. A case without a (complete) recorded answer gets an error answer, never an exception.
/// </summary>
public sealed class RecordedTarget : ITarget
{
    private readonly IReadOnlyDictionary<string, RecordedAnswer> answers;

    /// <param name="sourceName">The answers file, named in missing-answer errors.</param>
    public RecordedTarget(string name, IReadOnlyDictionary<string, RecordedAnswer> answers, string sourceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(sourceName);
        Name = name;
        this.answers = answers;
        SourceName = sourceName;
    }

    public string Name { get; }

    public string SourceName { get; }

    public IReadOnlyDictionary<string, RecordedAnswer> Answers => answers;

    /// <summary>Reads every answer of <paramref name="source"/>; a case id recorded twice is an error.</summary>
    public static async Task<RecordedTarget> LoadAsync(
        string name, IRecordedAnswerFormat format, IBenchmarkSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(source);
        var loaded = new Dictionary<string, RecordedAnswer>(StringComparer.Ordinal);
        await foreach (var answer in format.ReadAsync(source, cancellationToken).ConfigureAwait(false))
        {
            if (!loaded.TryAdd(answer.CaseId, answer))
            {
                var first = loaded[answer.CaseId].Line;
                var where = first > 0 ? $" (first on line {first})" : "";
                throw new BenchmarkFormatException(
                    source.Name, answer.Line, format.IdField, $"duplicate answer for case '{answer.CaseId}'{where}");
            }
        }

        return new RecordedTarget(name, loaded, source.Name);
    }

    public Task<TargetAnswer> AnswerAsync(EvalCase evalCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        if (!answers.TryGetValue(evalCase.Id, out var recorded))
        {
            return Task.FromResult(Missing(evalCase, []));
        }

        if (recorded.Turns.Count < evalCase.Turns.Count)
        {
            // Keep the turns that exist so a report can still show them next to the error.
            return Task.FromResult(Missing(evalCase, [.. recorded.Turns], $" (recorded {recorded.Turns.Count} of {evalCase.Turns.Count} turns)") with
            {
                Metadata = new Dictionary<string, string>(recorded.Metadata, StringComparer.Ordinal),
            });
        }

        return Task.FromResult(new TargetAnswer
        {
            CaseId = evalCase.Id,
            Target = Name,
            Turns = [.. recorded.Turns.Take(evalCase.Turns.Count)],
            Metadata = new Dictionary<string, string>(recorded.Metadata, StringComparer.Ordinal),
        });
    }

    private TargetAnswer Missing(EvalCase evalCase, IReadOnlyList<string> turns, string detail = "") => new()
    {
        CaseId = evalCase.Id,
        Target = Name,
        Turns = turns,
        Error = $"no recorded answer for case {evalCase.Id} in {SourceName}{detail}",
    };
}
