using Assay.Durable.Endpoints;
using Assay.Testing;
using Microsoft.Extensions.AI;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>
/// The output-token limit goes under the field each kind of server reads, checked against simulated servers as strict
/// as real ones: one that rejects fields it does not know, one that requires its own field.
/// </summary>
public sealed class TokenLimitFieldTests
{
    private static readonly ChatOptions Limited = new() { MaxOutputTokens = 16, Temperature = 0 };

    [Fact]
    public async Task An_OpenAI_compatible_endpoint_sends_max_tokens_which_a_server_that_knows_only_max_tokens_accepts()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"), StrictWire.MaxTokensOnly);
        using var factory = EndpointKit.Factory(null, ("vllm", new EndpointOptions { Kind = EndpointKind.OpenAICompatible, BaseUrl = server.BaseUrl, Model = "m" }));

        var response = await factory.Get("vllm").GetResponseAsync("hi", Limited);

        Assert.Equal("ok", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Contains("max_tokens", request.Fields);
        Assert.DoesNotContain("max_completion_tokens", request.Fields);
        Assert.Equal(16, request.MaxTokens);
    }

    [Fact]
    public async Task Configured_as_max_completion_tokens_it_reaches_a_server_that_requires_that_field_and_is_refused_by_one_that_does_not_know_it()
    {
        await using var newer = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"), StrictWire.MaxCompletionTokensOnly);
        await using var older = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"), StrictWire.MaxTokensOnly);
        EndpointOptions Options(Uri url) => new()
        {
            Kind = EndpointKind.OpenAICompatible, BaseUrl = url, Model = "m", TokenLimitField = "max_completion_tokens", MaxAttempts = 1,
        };
        using var factory = EndpointKit.Factory(null, ("newer", Options(newer.BaseUrl)), ("older", Options(older.BaseUrl)));

        Assert.Equal("ok", (await factory.Get("newer").GetResponseAsync("hi", Limited)).Text);
        Assert.Equal(16, Assert.Single(newer.Requests).MaxTokens);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => factory.Get("older").GetResponseAsync("hi", Limited));
        Assert.Contains("max_completion_tokens", refused.ToString(), StringComparison.Ordinal); // the server's 400 names the field
    }

    [Fact]
    public async Task The_OpenAI_kind_keeps_the_SDKs_max_completion_tokens()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"), StrictWire.MaxCompletionTokensOnly);
        using var factory = EndpointKit.Factory(null, ("openai", new EndpointOptions { Kind = EndpointKind.OpenAI, BaseUrl = server.BaseUrl, Model = "m", ApiKey = "k" }));

        Assert.Equal("ok", (await factory.Get("openai").GetResponseAsync("hi", Limited)).Text);
        Assert.Contains("max_completion_tokens", Assert.Single(server.Requests).Fields);
    }

    [Fact]
    public async Task The_Azure_OpenAI_kind_keeps_its_SDKs_default_field()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"));
        using var factory = EndpointKit.Factory(null, ("azure", new EndpointOptions { Kind = EndpointKind.AzureOpenAI, BaseUrl = server.RootUrl, Model = "d", ApiKey = "k" }));
        using var sdkOnly = new Azure.AI.OpenAI.AzureOpenAIClient(server.RootUrl, new System.ClientModel.ApiKeyCredential("k"))
            .GetChatClient("d").AsIChatClient();

        await factory.Get("azure").GetResponseAsync("hi", Limited);
        await sdkOnly.GetResponseAsync("hi", Limited);

        var (assay, sdk) = (server.Requests.First(), server.Requests.Last());
        Assert.Equal(sdk.Fields.Where(IsTokenLimit), assay.Fields.Where(IsTokenLimit));
        Assert.Single(assay.Fields, IsTokenLimit);
    }

    [Theory]
    [InlineData("OpenAICompatible", "max_new_tokens", "must be max_tokens or max_completion_tokens")]
    [InlineData("ScoreHttp", "max_tokens", "applies to chat endpoints only")]
    public void A_wrong_token_limit_field_is_a_start_up_error_naming_the_key(string kind, string field, string expected)
    {
        var endpoint = new EndpointOptions
        {
            Kind = Enum.Parse<EndpointKind>(kind), BaseUrl = new Uri("http://127.0.0.1:1/v1"), Model = "m", TokenLimitField = field,
            RequestTemplate = "{}", ScorePath = "score",
        };

        var problem = Assert.Single(endpoint.Validate("gpu"));

        Assert.Contains("Endpoints:gpu:TokenLimitField", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    private static bool IsTokenLimit(string field) => field is "max_tokens" or "max_completion_tokens";
}
