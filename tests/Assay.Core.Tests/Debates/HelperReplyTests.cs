using Assay.Core.Debates;

namespace Assay.Core.Tests.Debates;

public sealed class HelperReplyTests
{
    [Fact]
    public void Values_are_taken_by_position_like_logicom()
    {
        var reply = HelperReply.TryParse("```json\n{\"fallacy\": \"Ad Hominem\",\n\"fallacious argument\": \"you are biased\",\n\"response\": \"Surely you agree.\"}\n```");
        Assert.Equal(new HelperReply("Ad Hominem", "you are biased", "Surely you agree."), reply);

        var tip = HelperReply.TryParse("{\"tip\": \"cite data\", \"helping_argument\": \"the survey\", \"response\": \"Data shows it.\"}");
        Assert.Equal("Data shows it.", tip!.Response);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("no json here")]
    [InlineData("{\"fallacy\": \"x\", \"fallacious argument\": \"y\" \"response\": \"z\"}")] // the prompt's own missing comma
    [InlineData("{\"fallacy\": \"x\", \"response\": \"z\"}")]
    [InlineData("{\"fallacy\": \"x\", \"a\": \"y\", \"response\": \"\"}")]
    [InlineData("[1, 2, 3]")]
    public void Anything_else_is_unreadable(string? raw) => Assert.Null(HelperReply.TryParse(raw));
}
