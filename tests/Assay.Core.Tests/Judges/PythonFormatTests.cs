using Assay.Core.Judges;

namespace Assay.Core.Tests.Judges;

public sealed class PythonFormatTests
{
    [Fact]
    public void Doubled_braces_are_literal_and_fields_are_substituted()
    {
        var text = PythonFormat.Format("{{x}} = {a}; {b}{a}", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });

        Assert.Equal("{x} = 1; 21", text);
    }

    [Fact]
    public void Inserted_text_is_never_rescanned()
    {
        const string answer = "use {question} or {{ and }} or } or {";
        var text = PythonFormat.Format(
            "[{answer}] {question}", new Dictionary<string, string> { ["answer"] = answer, ["question"] = "Q" });

        Assert.Equal($"[{answer}] Q", text);
    }

    [Fact]
    public void Unused_fields_are_ignored_like_python_keyword_arguments()
    {
        var text = PythonFormat.Format("{a}", new Dictionary<string, string> { ["a"] = "1", ["ref_answer_1"] = "r" });

        Assert.Equal("1", text);
    }

    [Theory]
    [InlineData("{missing}")]
    [InlineData("lone { brace")]
    [InlineData("lone } brace")]
    public void Malformed_templates_throw(string template)
    {
        Assert.Throws<FormatException>(() => PythonFormat.Format(template, new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("{{x}} = {a}; {b}{a}")]
    [InlineData("{a}")]
    [InlineData("no fields, {{braces}} only")]
    [InlineData("[Question]\n{question}\n\n[The Start of Assistant's Answer]\n{answer}\n[The End]")]
    public void The_pieces_join_to_the_formatted_text_and_a_value_is_the_string_given_not_a_copy(string template)
    {
        var question = new string('q', 100_000);
        var fields = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["question"] = question, ["answer"] = "{answer}" };

        var parts = PythonFormat.FormatParts(template, fields);
        var message = PythonFormat.Message(Microsoft.Extensions.AI.ChatRole.User, template, fields);

        Assert.Equal(PythonFormat.Format(template, fields), string.Concat(parts));
        Assert.Equal(PythonFormat.Format(template, fields), message.Text);
        Assert.Equal(template.Contains("{question}", StringComparison.Ordinal), parts.Any(p => ReferenceEquals(p, question)));
        Assert.DoesNotContain(parts, p => p.Length == 0);
    }

    [Theory]
    [InlineData("{missing}")]
    [InlineData("lone { brace")]
    [InlineData("lone } brace")]
    public void Malformed_templates_throw_as_pieces_too(string template)
    {
        Assert.Throws<FormatException>(() => PythonFormat.FormatParts(template, new Dictionary<string, string>()));
    }
}
