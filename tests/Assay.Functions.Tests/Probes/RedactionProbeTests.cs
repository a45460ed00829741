using System.Text.Encodings.Web;
using System.Text.Json;
using Assay.Functions.Api;
using Assay.Functions.Security;
using Assay.Functions.Tests.Api;
using Assay.Testing;

namespace Assay.Functions.Tests.Probes;

/// <summary>
/// Issue 17 finding 6 (redaction): a key with characters JSON escapes (<c>+</c> leaves as <c>\u002B</c>) is masked
/// too. Seen failing before the change: the escaped key went out in the 400 problem.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RedactionProbeTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("sk+plus-key-0123456789abcdef", true)]
    [InlineData("sk<angle>&amp-0123456789abcdef", false)] // not echoed at all: its name is refused by the rule alone
    public async Task A_key_that_JSON_escapes_is_masked_in_API_responses(string key, bool echoed)
    {
        var settings = RunApiTests.Endpoint("model", "http://127.0.0.1:9/v1", key);
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, settings);
        var body = JsonSerializer.Serialize(new { benchmark = "x/cases.jsonl", targets = new[] { key }, judge = "refusal" });

        var response = HttpRequests.Read(await host.Get<RunApi>().StartAsync(HttpRequests.Post(body), host.Client, CancellationToken.None));

        Assert.Equal(400, response.Status);
        Assert.DoesNotContain(key, response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(JsonEncodedText.Encode(key).ToString(), response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(JsonEncodedText.Encode(key, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(), response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", response.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(echoed, response.Text.Contains(SecretRedactor.Mask, StringComparison.Ordinal));
    }
}
