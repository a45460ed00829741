using Microsoft.Extensions.AI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// A message's texts in order: what ChatMessage.Text joins, read without joining. A judge prompt is held as its
/// template's pieces around the case's own strings (PythonFormat.Message); the request body, the cache key and the
/// token estimate read them here, so a 15 MB question is never copied into one more string (issue 19).
/// </summary>
internal static class MessageTexts
{
    public static IEnumerable<string> Of(ChatMessage message) => message.Contents.OfType<TextContent>().Select(t => t.Text);

    /// <summary>The characters of all the messages' texts (ChatMessage.Text's lengths, summed).</summary>
    public static int Length(IEnumerable<ChatMessage> messages) => messages.Sum(m => Of(m).Sum(t => t.Length));
}
