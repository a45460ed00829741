using Assay.Durable.Runs;
using Assay.Durable.Storage;
using Assay.Functions.Api;
using Assay.Testing;
using Azure.Storage.Blobs;

namespace Assay.Functions.Tests.Api;

/// <summary>
/// A run spec can only name things. A URL or host where a name belongs is a 400, and nothing is contacted: the
/// simulated endpoint below is real and listening, and the tests prove it received no request.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SsrfTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task URLs_and_hosts_where_names_belong_are_400_and_nothing_is_contacted()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("should never be asked"));
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, RunApiTests.Endpoint("local", server.BaseUrl.ToString()));
        var api = host.Get<RunApi>();
        var url = server.BaseUrl.ToString();
        var hostPort = $"{server.RootUrl.Host}:{server.RootUrl.Port}";
        await host.UploadAsync("ssrf/xstest_prompts.csv", BinaryData.FromBytes(await File.ReadAllBytesAsync(Datasets.File("xstest", "xstest_prompts.csv"))));
        string[] bodies =
        [
            $$"""{"benchmark":"ssrf/xstest_prompts.csv","targets":["{{url}}"]}""",
            $$"""{"benchmark":"ssrf/xstest_prompts.csv","targets":["{{hostPort}}"]}""",
            $$"""{"benchmark":"ssrf/xstest_prompts.csv","targets":["mine={{url}}"]}""",
            $$"""{"benchmark":"ssrf/xstest_prompts.csv","targets":["null"],"judge":"mt-bench:{{url}}"}""",
            $$"""{"benchmark":"ssrf/xstest_prompts.csv","targets":["null"],"judgeEndpoint":"{{url}}"}""",
            $$"""{"benchmark":"{{url}}/xstest_prompts.csv","targets":["null"]}""",
            $$"""{"benchmark":"//{{hostPort}}/xstest_prompts.csv","targets":["null"]}""",
            $$"""{"benchmark":"ssrf/xstest_prompts.csv","targets":["recorded:{{url}}/answers.csv"]}""",
            $$"""{"benchmark":"ssrf/xstest_prompts.csv","targets":["local"],"baseUrl":"{{url}}"}""",
            $$"""{"benchmark":"ssrf/xstest_prompts.csv","targets":["null"],"endpoints":{"x":{"baseUrl":"{{url}}"} } }""",
        ];

        foreach (var body in bodies)
        {
            var response = HttpRequests.Read(await api.StartAsync(HttpRequests.Post(body), host.Client, CancellationToken.None));
            Assert.True(response.Status == 400, $"{body} -> {response.Status} {response.Text}");
        }

        await Task.Delay(300); // anything started would have reached the endpoint by now
        Assert.Equal(0, server.Calls);
        Assert.Empty(await host.InstancesAsync());
    }

    [Fact]
    public async Task A_blob_URL_is_accepted_only_inside_the_configured_accounts_benchmarks_container()
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        var validator = host.Get<RunSpecValidator>();
        var account = host.Get<BlobServiceClient>().Uri.ToString().TrimEnd('/');
        RunSpecValidation Check(string benchmark) =>
            validator.Validate(new RunSpec { Benchmark = benchmark, Targets = ["null"], Judge = "refusal" });

        Assert.Equal("team/xstest_prompts.csv", Check($"{account}/benchmarks/team/xstest_prompts.csv").Request?.BenchmarkBlob);
        Assert.Equal("team/my xstest.csv", Check($"{account}/benchmarks/team/my%20xstest.csv").Request?.BenchmarkBlob);
        Assert.False(Check($"{account}/results/team/xstest_prompts.csv").IsValid);
        Assert.False(Check($"{account}/benchmarks/team/xstest_prompts.csv?sv=2024&sig=abc").IsValid);
        Assert.False(Check($"{account}/benchmarks/../results/xstest_prompts.csv").IsValid);
        Assert.False(Check("https://evil.example/benchmarks/xstest_prompts.csv").IsValid);
        Assert.False(Check(account.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/benchmarks/xstest_prompts.csv").IsValid);
        Assert.Equal("benchmarks", host.Get<RunStore>().Options.BenchmarksContainer);
    }
}
