using Assay.Core.Debates;
using Assay.Testing;

namespace Assay.Core.Tests.Debates;

public sealed class LogicomPromptsTests
{
    [Theory]
    [InlineData("persuader", "persuader_claim_reason_instruction.txt")]
    [InlineData("debater", "debater_claim_reason_instruction.txt")]
    [InlineData("helper", "Fallacy_Helper.txt")]
    [InlineData("helper", "Vanilla_Helper.txt")]
    [InlineData("moderator", "moderator_TagChecker_instruction.txt")]
    [InlineData("moderator", "moderator_terminator_instruction.txt")]
    public void Embedded_prompts_are_the_dataset_files_byte_for_byte(string folder, string file)
    {
        var expected = File.ReadAllText(Datasets.File("logicom", "prompts", folder, file));
        Assert.Equal(expected, LogicomPrompts.Raw(file));
    }

    [Fact]
    public void Prompts_split_at_their_markers_and_are_stripped_as_extract_prompt_does()
    {
        var persuader = LogicomPrompts.Persuader;
        Assert.StartsWith("\"You are engaged in a simulated scenario.", persuader.System, StringComparison.Ordinal);
        Assert.EndsWith("So, are you convinced that '<CLAIM>' is correct?)”", persuader.System, StringComparison.Ordinal);
        Assert.StartsWith("Let’s talk about this\ntopic:  “ <TOPIC> ”", persuader.Assistant, StringComparison.Ordinal);
        Assert.Equal(string.Empty, LogicomPrompts.Debater.Assistant);
        Assert.StartsWith("Below is the history of the conversation:\n<HISTORY>", LogicomPrompts.FallacyHelper.Assistant, StringComparison.Ordinal);
        Assert.EndsWith("This is my answer:\n\n<ASSISTANT_RESPONSE>", LogicomPrompts.FallacyHelper.Assistant, StringComparison.Ordinal);
        Assert.EndsWith("TRUE or FALSE", LogicomPrompts.ModeratorTagChecker.System, StringComparison.Ordinal);
    }

    [Fact]
    public void Filling_replaces_every_placeholder_once_and_never_inside_inserted_text()
    {
        var claim = new DebateClaim("c1", "Topic T", "Claims are <REASON>", "because");
        var filled = LogicomPrompt.Fill(LogicomPrompts.Persuader.Assistant, claim.Variables());

        Assert.Equal(
            "Let’s talk about this\ntopic:  “ Topic T ”\nclaim: \"Claims are <REASON>\"\nreason: \"because\"\nBased on the my reason: \"because\" I believe  \"Claims are <REASON>\" is correct. What do you think?",
            filled);
    }
}
