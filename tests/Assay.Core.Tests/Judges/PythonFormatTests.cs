using Assay.Core.Judges;
using Microsoft.Extensions.AI;

namespace Assay.Core.Tests.Judges;

public sealed class PythonFormatTests
{
    [Fact]
    public void Doubled_braces_are_literal_and_fields_are_substituted()
    {
        var text = Format("{{x}} = {a}; {b}{a}", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });

        Assert.Equal("{x} = 1; 21", text);
    }

    [Fact]
    public void Inserted_text_is_never_rescanned()
    {
        const string answer = "use {question} or {{ and }} or } or {";
        var text = Format(
            "[{answer}] {question}", new Dictionary<string, string> { ["answer"] = answer, ["question"] = "Q" });

        Assert.Equal($"[{answer}] Q", text);
    }

    [Fact]
    public void Unused_fields_are_ignored_like_python_keyword_arguments()
    {
        var text = Format("{a}", new Dictionary<string, string> { ["a"] = "1", ["ref_answer_1"] = "r" });

        Assert.Equal("1", text);
    }

    [Theory]
    [InlineData("{missing}")]
    [InlineData("lone { brace")]
    [InlineData("lone } brace")]
    public void Malformed_templates_throw(string template)
    {
        Assert.Throws<FormatException>(() => PythonFormat.FormatParts(template, new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("{{x}} = {a}; {b}{a}", "{x} = 1; 21")]
    [InlineData("{a}", "1")]
    [InlineData("no fields, {{braces}} only", "no fields, {braces} only")]
    [InlineData("[Question]\n{question}\n\n[Answer]\n{answer}\n[The End]", "[Question]\nQ\n\n[Answer]\n{answer}\n[The End]")]
    public void The_pieces_and_the_message_hold_the_formatted_text_with_no_empty_piece(string template, string expected)
    {
        var fields = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["question"] = "Q", ["answer"] = "{answer}" };

        var parts = PythonFormat.FormatParts(template, fields);

        Assert.Equal(expected, string.Concat(parts));
        Assert.Equal(expected, PythonFormat.Message(ChatRole.User, template, fields).Text);
        Assert.DoesNotContain(parts, p => p.Length == 0);
    }

    [Fact]
    public void A_value_is_a_piece_of_its_own_the_very_string_given_not_a_copy()
    {
        var question = new string('q', 100_000);

        var parts = PythonFormat.FormatParts("[Question]\n{question}\n[End]", new Dictionary<string, string> { ["question"] = question });

        Assert.Equal(3, parts.Count);
        Assert.Same(question, parts[1]);
    }

    private static string Format(string template, IReadOnlyDictionary<string, string> fields) => string.Concat(PythonFormat.FormatParts(template, fields));
}
