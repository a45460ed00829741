using Assay.Durable.Endpoints;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>The OpenAI SDK's error message, without the fragments it leaves empty or says twice.</summary>
public sealed class FaultMessageTests
{
    [Theory]
    [InlineData("HTTP 500 (: )\n\ninternal error", "internal error")]
    [InlineData("HTTP 500 (server_error: )\n\ninternal error", "(server_error) internal error")]
    [InlineData("HTTP 429 (: rate_limit)\n\nslow down", "(rate_limit) slow down")]
    [InlineData("HTTP 400 (invalid_request_error: bad_param)\n\nbad", "(invalid_request_error: bad_param) bad")]
    [InlineData("HTTP 503 (: )", "")]
    public void Sdk_messages_lose_empty_and_repeated_fragments(string message, string expected) =>
        Assert.Equal(expected, Fault.SdkMessage(int.Parse(message[5..8], System.Globalization.CultureInfo.InvariantCulture), message));
}
