using Assay.Durable.Endpoints;
using Assay.Testing;
using Microsoft.Extensions.AI;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>
/// The token-limit field is renamed in the SDK's bytes rather than by re-serialising the request (issue 19: a long
/// prompt re-escaped costs 6 x its length): the request that arrives must be the SDK's own, field renamed.
/// </summary>
public sealed class TokenLimitRenameTests
{
    [Fact]
    public async Task A_long_prompt_that_needs_escaping_arrives_whole_beside_max_tokens()
    {
        await using var renamed = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"), StrictWire.MaxTokensOnly);
        await using var sdk = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"), StrictWire.MaxCompletionTokensOnly);
        using var factory = EndpointKit.Factory(
            null,
            ("vllm", new EndpointOptions { Kind = EndpointKind.OpenAICompatible, BaseUrl = renamed.BaseUrl, Model = "m" }),
            ("openai", new EndpointOptions { Kind = EndpointKind.OpenAI, BaseUrl = sdk.BaseUrl, Model = "m", ApiKey = "k" }));
        var prompt = "max_tokens: \"max_completion_tokens\": 3\n" + string.Concat(Enumerable.Repeat("\"quoted\" <b> na\u00efve \ud83d\ude00\n\t\\", 20_000));
        List<ChatMessage> messages = [new(ChatRole.System, "{\"max_tokens\": 1}"), new(ChatRole.User, prompt)];
        var options = new ChatOptions { MaxOutputTokens = 16, Temperature = 0 };

        Assert.Equal("ok", (await factory.Get("vllm").GetResponseAsync(messages, options)).Text);
        Assert.Equal("ok", (await factory.Get("openai").GetResponseAsync(messages, options)).Text);

        var (viaPolicy, viaSdk) = (Assert.Single(renamed.Requests), Assert.Single(sdk.Requests));
        Assert.Equal(viaSdk.Messages, viaPolicy.Messages);
        Assert.Equal(prompt, viaPolicy.Messages[1].Content);
        Assert.Equal(16, viaPolicy.MaxTokens);
        Assert.Equal(viaSdk.Fields.Select(f => f == "max_completion_tokens" ? "max_tokens" : f), viaPolicy.Fields);
    }

    [Theory]
    [InlineData("{\"model\":\"m\",\"max_tokens\":5}", true)]
    [InlineData("\"max_", true)]
    [InlineData("{\"model\":\"max\",\"max\":\"_\"}", false)]
    [InlineData("{\"messages\":[{\"content\":\"no limit\"}]}", false)]
    public void The_scan_finds_the_limit_marker_however_the_body_is_split_into_writes(string body, bool expected)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        for (var size = 1; size <= bytes.Length; size++)
        {
            using var scan = new TokenLimitScan();
            for (var at = 0; at < bytes.Length; at += size)
            {
                scan.Write(bytes, at, Math.Min(size, bytes.Length - at));
            }

            Assert.Equal(expected, scan.Found);
        }
    }
}
