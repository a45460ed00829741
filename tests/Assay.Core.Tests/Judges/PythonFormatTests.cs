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
}
