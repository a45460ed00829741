using System.Runtime.CompilerServices;
using System.Text.Json;
using Assay.Core.Benchmarks;

namespace Assay.Core.Targets;

/// <summary>
/// Arena-Hard-Auto's <c>model_answer/&lt;model&gt;.jsonl</c>: <c>uid</c>, <c>model</c> and <c>messages</c>, the
/// conversation with each assistant turn's <c>content</c> either a string or <c>{"answer": ...}</c> (the current
/// files). The first v0.1 release wrote FastChat-style <c>question_id</c> and <c>choices[0].turns[].content</c>;
/// both are read. The answer turns are the assistant messages, in order.
/// </summary>
public sealed class ArenaHardAnswerFormat : IRecordedAnswerFormat
{
    public const string FormatName = "arena-hard-answers";

    public string Name => FormatName;

    public string IdField => "uid";

    public async IAsyncEnumerable<RecordedAnswer> ReadAsync(
        IBenchmarkSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var record in JsonlRecordReader.ReadAsync(stream, source.Name, cancellationToken).ConfigureAwait(false))
            {
                var legacy = !record.Root.TryGetProperty("messages", out _) && record.Root.TryGetProperty("choices", out _);
                var id = record.RequiredIntOrString(legacy ? "question_id" : "uid");
                var turns = legacy ? LegacyTurns(record) : MessageTurns(record);
                var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
                if (record.OptionalString(legacy ? "model_id" : "model") is { Length: > 0 } model)
                {
                    metadata["model"] = model;
                }

                yield return new RecordedAnswer(id, turns, metadata) { Line = record.Line };
            }
        }
    }

    /// <summary>Upstream names each file after the model: <c>model_answer/gpt-4-0314.jsonl</c> is gpt-4-0314.</summary>
    public string? ModelName(IBenchmarkSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = Path.GetFileNameWithoutExtension(source.Name.Replace('\\', '/'));
        return string.IsNullOrEmpty(name) ? null : name;
    }

    private static List<string> MessageTurns(JsonlRecord record)
    {
        var messages = record.Root.TryGetProperty("messages", out var value) && value.ValueKind == JsonValueKind.Array
            ? value
            : throw record.Error("messages", "expected an array of {role, content} messages");
        var turns = new List<string>();
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $"messages[{i++}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw record.Error(path, "expected an object with 'role' and 'content'");
            }

            if (record.RequiredString(message, "role", path + ".role") == "assistant")
            {
                turns.Add(Content(record, message, path));
            }
        }

        return turns.Count > 0 ? turns : throw record.Error("messages", "no assistant message");
    }

    private static List<string> LegacyTurns(JsonlRecord record)
    {
        var choice = record.RequiredFirstObject("choices");
        if (!choice.TryGetProperty("turns", out var turns) || turns.ValueKind != JsonValueKind.Array || turns.GetArrayLength() == 0)
        {
            throw record.Error("choices[0].turns", "expected a non-empty array of answer turns");
        }

        return [.. turns.EnumerateArray().Select((turn, i) => Content(record, turn, $"choices[0].turns[{i}]"))];
    }

    // A turn is a string, {"content": ...} (legacy), or {"answer": ...} (current; reasoning models may add more keys).
    private static string Content(JsonlRecord record, JsonElement value, string path)
    {
        var inner = value;
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("content", out var content))
        {
            (inner, path) = (content, path + ".content");
        }

        return inner.ValueKind switch
        {
            JsonValueKind.String => JsonText.Read(inner)!,
            JsonValueKind.Object => record.RequiredString(inner, "answer", path + ".answer"),
            _ => throw record.Error(path, $"expected a string or an object with 'answer', found {inner.ValueKind.ToString().ToLowerInvariant()}"),
        };
    }
}
