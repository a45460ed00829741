using System.ClientModel;
using System.Text.Json.Nodes;
using Assay.Core.Judges.Pairwise;
using Assay.Durable.Endpoints;
using Assay.Testing;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>
/// Assay writes chat request bodies itself, streamed (issue 19: the SDK held a long prompt again as JSON, in buffers
/// sized for 6 × its length). What reaches the server must be what the SDKs send, field for field, apart from the
/// token-limit field each kind of server reads.
/// </summary>
public sealed class OpenAIWireChatClientTests
{
    // Quotes, HTML, non-ASCII, a surrogate pair, control characters and a backslash, across many 16 K segments.
    private static readonly string LongPrompt =
        "max_tokens: \"max_completion_tokens\": 3\n" + string.Concat(Enumerable.Repeat("\"quoted\" <b> na\u00efve \ud83d\ude00\n\t\\ ", 20_000));

    private static readonly ChatOptions Rich = new()
    {
        Temperature = 0.7f, TopP = 0.9f, FrequencyPenalty = 0.5f, PresencePenalty = -0.25f, Seed = 42, MaxOutputTokens = 16,
        StopSequences = ["###", "\n\n"], Instructions = "Answer briefly.",
    };

    private static readonly List<ChatMessage> Conversation =
        [new(ChatRole.System, "{\"max_tokens\": 1}"), new(ChatRole.User, LongPrompt), new(ChatRole.Assistant, "ok"), new(ChatRole.User, "and?")];

    [Fact]
    public async Task The_OpenAI_kind_sends_the_body_the_SDK_sends_with_a_long_prompt_that_needs_escaping()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"));
        using var factory = EndpointKit.Factory(null, ("openai", new EndpointOptions { Kind = EndpointKind.OpenAI, BaseUrl = server.BaseUrl, Model = "m", ApiKey = "k" }));
        using var sdk = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = server.BaseUrl }).GetChatClient("m").AsIChatClient();

        Assert.Equal("ok", (await factory.Get("openai").GetResponseAsync(Conversation, Rich)).Text);
        await sdk.GetResponseAsync(Conversation, Rich);

        var (assay, expected) = (server.Requests.First(), server.Requests.Last());
        Assert.True(JsonNode.DeepEquals(expected.Body, assay.Body), $"assay sent {Shorten(assay.Body)}\nthe SDK sent {Shorten(expected.Body)}");
        Assert.Equal(LongPrompt, assay.Messages[2].Content);
        Assert.Equal(expected.Authorization, assay.Authorization);
        Assert.Equal(expected.Path, assay.Path);
    }

    [Fact]
    public async Task The_Azure_OpenAI_kind_sends_the_body_and_path_its_SDK_sends()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"));
        using var factory = EndpointKit.Factory(null, ("azure", new EndpointOptions { Kind = EndpointKind.AzureOpenAI, BaseUrl = server.RootUrl, Model = "d", ApiKey = "k" }));
        using var sdk = new Azure.AI.OpenAI.AzureOpenAIClient(server.RootUrl, new ApiKeyCredential("k")).GetChatClient("d").AsIChatClient();

        await factory.Get("azure").GetResponseAsync(Conversation, Rich);
        await sdk.GetResponseAsync(Conversation, Rich);

        var (assay, expected) = (server.Requests.First(), server.Requests.Last());
        Assert.True(JsonNode.DeepEquals(expected.Body, assay.Body), $"assay sent {Shorten(assay.Body)}\nthe SDK sent {Shorten(expected.Body)}");
        Assert.Equal(expected.Path, assay.Path);
    }

    [Fact]
    public async Task An_OpenAI_compatible_endpoint_gets_the_same_body_under_max_tokens_with_its_length_declared()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"), StrictWire.MaxTokensOnly);
        await using var reference = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"));
        using var factory = EndpointKit.Factory(null, ("vllm", new EndpointOptions { Kind = EndpointKind.OpenAICompatible, BaseUrl = server.BaseUrl, Model = "m" }));
        using var sdk = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = reference.BaseUrl }).GetChatClient("m").AsIChatClient();

        await factory.Get("vllm").GetResponseAsync(Conversation, Rich);
        await sdk.GetResponseAsync(Conversation, Rich);

        var (assay, expected) = (Assert.Single(server.Requests), Assert.Single(reference.Requests));
        var renamed = expected.Body!.AsObject().DeepClone().AsObject();
        renamed["max_tokens"] = renamed["max_completion_tokens"]!.DeepClone();
        renamed.Remove("max_completion_tokens");
        Assert.True(JsonNode.DeepEquals(renamed, assay.Body), $"assay sent {Shorten(assay.Body)}");
        Assert.NotNull(assay.ContentLength); // counted, not sent chunked
        Assert.Equal(expected.ContentType, assay.ContentType);
        Assert.StartsWith("application/json", assay.ContentType, StringComparison.Ordinal);
        Assert.True(assay.ContentLength > LongPrompt.Length, $"Content-Length {assay.ContentLength}");
    }

    [Fact]
    public async Task Log_probabilities_asked_for_are_requested_and_returned_on_the_response()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.WithLogProbs([("m", -0.5), ("M", -2.5)]));
        using var factory = EndpointKit.Factory(null, ("vllm", EndpointKit.Fast(server.BaseUrl, "m")));

        var response = await factory.Get("vllm").GetResponseAsync("which?", TokenLogProbabilities.Request(new ChatOptions { MaxOutputTokens = 1 }, 5));

        var request = Assert.Single(server.Requests);
        Assert.True(request.LogProbs);
        Assert.Equal(5, request.TopLogProbs);
        Assert.DoesNotContain(request.Fields, f => f.Contains("assay", StringComparison.OrdinalIgnoreCase));
        var tokens = TokenLogProbabilities.Read(response);
        Assert.NotNull(tokens);
        Assert.Equal([("m", -0.5), ("M", -2.5)], Assert.Single(tokens!));
    }

    [Fact]
    public async Task Content_other_than_text_fails_the_call_naming_it_and_nothing_is_sent()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"));
        using var factory = EndpointKit.Factory(null, ("vllm", EndpointKit.Fast(server.BaseUrl, "m")));
        ChatMessage withImage = new(ChatRole.User, [new TextContent("look"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => factory.Get("vllm").GetResponseAsync([withImage]));

        Assert.Contains("DataContent", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_message_held_as_pieces_arrives_as_one_text()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"));
        using var factory = EndpointKit.Factory(null, ("vllm", EndpointKit.Fast(server.BaseUrl, "m")));
        string[] pieces = ["[Question]\n", LongPrompt, "\n[Answer]\n", string.Empty, "short \ud83d", "\ude00"];

        await factory.Get("vllm").GetResponseAsync([new ChatMessage(ChatRole.User, [.. pieces.Select(p => (AIContent)new TextContent(p))])]);

        var request = Assert.Single(server.Requests);
        Assert.Equal(string.Concat(pieces), Assert.Single(request.Messages).Content);
        Assert.NotNull(request.ContentLength);
    }

    private static string Shorten(JsonNode? body)
    {
        var text = body?.ToJsonString() ?? "null";
        return text.Length <= 600 ? text : text[..300] + " … " + text[^300..];
    }
}
