using System.Text;
using Assay.Functions.Api;
using Assay.Functions.Tests.Api;
using Assay.Testing;
using Microsoft.AspNetCore.Http;

namespace Assay.Functions.Tests.Probes;

/// <summary>
/// Issue 17 finding 4: callers are people (Entra ID through App Service authentication), a run belongs to whoever
/// started it, and the API's URLs come from configuration. Seen failing before the change: any caller read, listed and
/// cancelled any run, and statusUrl followed the Host header.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OwnershipTests(AzuriteFixture azurite)
{
    public static HttpRequest As(HttpRequest request, string principalId, params string[] roles)
    {
        var claims = string.Join(',', roles.Select(r => $$"""{"typ":"roles","val":"{{r}}"}"""));
        var principal = $$"""{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{{claims}}]}""";
        request.Headers["X-MS-CLIENT-PRINCIPAL-ID"] = principalId;
        request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = principalId + "@example.org";
        request.Headers["X-MS-CLIENT-PRINCIPAL"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(principal));
        return request;
    }

    [Fact]
    public async Task Only_the_owner_and_an_admin_can_read_list_or_cancel_a_run()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply("ok", Delay: TimeSpan.FromMilliseconds(300)));
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, RunApiTests.Endpoint("slow", server.BaseUrl.ToString()));
        var functions = new RunApiFunctions(host.Get<RunApi>());
        var runId = "owned-" + Guid.NewGuid().ToString("N")[..8];
        var cases = string.Join('\n', Enumerable.Range(1, 30).Select(i => $$"""{"id":"c{{i}}","turns":["q {{i}}"]}"""));
        await host.UploadAsync($"{runId}/cases.jsonl", BinaryData.FromString(cases));
        var spec = $$"""{"runId":"{{runId}}","benchmark":"{{runId}}/cases.jsonl","targets":["slow"],"judge":"refusal","options":{"batchSize":1,"maxInFlight":1} }""";
        Assert.Equal(202, HttpRequests.Read(await functions.Start(As(HttpRequests.Post(spec), "alice"), host.Client, HttpRequests.Context())).Status);

        var bobGet = HttpRequests.Read(await functions.Get(As(HttpRequests.Get($"/api/runs/{runId}"), "bob"), runId, host.Client, HttpRequests.Context()));
        var bobList = HttpRequests.Read(await functions.List(As(HttpRequests.Get("/api/runs"), "bob"), host.Client, HttpRequests.Context()));
        var bobCancel = HttpRequests.Read(await functions.Cancel(As(HttpRequests.Post("", $"/api/runs/{runId}/cancel"), "bob"), runId, host.Client, HttpRequests.Context()));
        var aliceGet = HttpRequests.Read(await functions.Get(As(HttpRequests.Get($"/api/runs/{runId}"), "alice"), runId, host.Client, HttpRequests.Context()));
        var aliceList = HttpRequests.Read(await functions.List(As(HttpRequests.Get("/api/runs"), "alice"), host.Client, HttpRequests.Context()));
        var adminList = HttpRequests.Read(await functions.List(As(HttpRequests.Get("/api/runs"), "carol", "Assay.Admin"), host.Client, HttpRequests.Context()));

        Assert.Equal(404, bobGet.Status);
        Assert.DoesNotContain(runId, bobList.Text, StringComparison.Ordinal);
        Assert.Equal(404, bobCancel.Status);
        Assert.Equal(200, aliceGet.Status);
        Assert.Equal("alice", aliceGet.Body.GetProperty("owner").GetString());
        Assert.Contains(runId, aliceList.Text, StringComparison.Ordinal);
        Assert.Contains(runId, adminList.Text, StringComparison.Ordinal);
        var adminCancel = HttpRequests.Read(await functions.Cancel(As(HttpRequests.Post("", $"/api/runs/{runId}/cancel"), "carol", "Assay.Admin"), runId, host.Client, HttpRequests.Context()));
        Assert.Equal(202, adminCancel.Status);
    }

    [Fact]
    public async Task A_request_without_an_authenticated_caller_is_401()
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        var request = HttpRequests.Get("/api/runs");
        request.Headers.Remove("X-MS-CLIENT-PRINCIPAL-ID");
        request.Headers.Remove("X-MS-CLIENT-PRINCIPAL");

        Assert.Equal(401, HttpRequests.Read(await new RunApiFunctions(host.Get<RunApi>()).List(request, host.Client, HttpRequests.Context())).Status);
    }

    [Fact]
    public async Task Status_URLs_come_from_the_configured_public_base_URL_not_the_Host_header()
    {
        var settings = new Dictionary<string, string?> { ["Api:PublicBaseUrl"] = "https://assay.example.org/" };
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "url-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/cases.jsonl", BinaryData.FromString("""{"id":"c1","turns":["hi"]}"""));
        var post = HttpRequests.Post($$"""{"runId":"{{runId}}","benchmark":"{{runId}}/cases.jsonl","targets":["null"],"judge":"refusal"}""");
        post.Host = new HostString("attacker.example");

        var started = HttpRequests.Read(await new RunApiFunctions(host.Get<RunApi>()).Start(post, host.Client, HttpRequests.Context()));

        Assert.Equal(202, started.Status);
        Assert.Equal($"https://assay.example.org/api/runs/{runId}", started.Body.GetProperty("statusUrl").GetString());
        Assert.Equal($"https://assay.example.org/api/runs/{runId}", post.HttpContext.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task One_caller_past_the_request_rate_is_429_while_another_caller_is_served()
    {
        var settings = new Dictionary<string, string?> { ["Api:RequestsPerMinute"] = "5" };
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, settings);
        var functions = new RunApiFunctions(host.Get<RunApi>());

        var statuses = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add(HttpRequests.Read(await functions.List(As(HttpRequests.Get("/api/runs"), "greedy"), host.Client, HttpRequests.Context())).Status);
        }

        var other = HttpRequests.Read(await functions.List(As(HttpRequests.Get("/api/runs"), "patient"), host.Client, HttpRequests.Context()));

        Assert.Equal([200, 200, 200, 200, 200, 429, 429, 429], statuses);
        Assert.Equal(200, other.Status);
    }
}
