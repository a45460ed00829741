using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Assay.Testing;

/// <summary>
/// A model under test and an MT-Bench judge, simulated at the HTTP level. The model answers "Answer {id}-{turn}: ...";
/// the judge finds the latest such marker in its prompt and returns a rating that is a known function of (id, turn),
/// or, for a known set of (id, turn), text without a rating. Tests compute the expected report from the same function.
/// </summary>
public sealed partial class MtBenchSimulation
{
    private readonly Dictionary<string, int> questionIds;
    private readonly ConcurrentBag<(int Id, int Turn, double? Rating)> verdicts = [];

    public MtBenchSimulation()
    {
        questionIds = [];
        Categories = [];
        foreach (var line in File.ReadLines(Datasets.File("mt_bench", "question.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var id = doc.RootElement.GetProperty("question_id").GetInt32();
            questionIds[doc.RootElement.GetProperty("turns")[0].GetString()!] = id;
            Categories[id] = doc.RootElement.GetProperty("category").GetString()!;
        }
    }

    /// <summary>Question id to category, for all 80 questions.</summary>
    public Dictionary<int, string> Categories { get; }

    /// <summary>Every verdict the judge gave, as (question id, turn, rating or null when unparseable).</summary>
    public IReadOnlyCollection<(int Id, int Turn, double? Rating)> Verdicts => verdicts;

    public TimeSpan ModelLatency { get; init; }

    public static bool IsUnparseable(int id, int turn) => turn == 2 && id % 13 == 0;

    public static double Rating(int id, int turn) => ((id * 7) + (turn * 3)) % 10 + 1;

    public SimulatedReply Model(SimulatedChatRequest request)
    {
        var users = request.Messages.Where(m => m.Role == "user").ToList();
        var id = questionIds.TryGetValue(users[0].Content, out var known) ? known : -1;
        // Words from the question keep the answers distinct, as a real model's are (the constant-answer check folds digits).
        var topic = string.Join(' ', users[^1].Content.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6));
        return new SimulatedReply($"Answer {id}-{users.Count}: on \"{topic}\", a simulated response with {{braces}} and [[brackets]].", Delay: ModelLatency);
    }

    public SimulatedReply Judge(SimulatedChatRequest request)
    {
        var prompt = request.Messages.Last(m => m.Role == "user").Content;
        var markers = AnswerMarker().Matches(prompt)
            .Select(m => (Id: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Turn: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();
        if (markers.Count == 0)
        {
            // Not the simulated model's answer: the null canary's constant text, which an honest judge rates lowest.
            return SimulatedReply.Text("The response does not address the question.\n\nRating: [[1]]");
        }

        var (id, turn) = markers.MaxBy(m => m.Turn);
        if (IsUnparseable(id, turn))
        {
            verdicts.Add((id, turn, null));
            return SimulatedReply.Text("Both turns are reasonable; I decline to give a number.");
        }

        var rating = Rating(id, turn);
        verdicts.Add((id, turn, rating));
        return SimulatedReply.Text($"The response is adequate.\n\nRating: [[{rating.ToString(CultureInfo.InvariantCulture)}]]");
    }

    // The model's marker; the candidate text also carries {braces} and [[brackets]] to check they reach the judge verbatim.
    [GeneratedRegex(@"Answer (\d+)-(\d+):")]
    private static partial Regex AnswerMarker();
}
