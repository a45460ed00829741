using Assay.Core.Debates;

namespace Assay.Core.Tests.Debates;

/// <summary>Expected strings are what CPython 3 prints for the same values.</summary>
public sealed class PythonReprTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("it's \"quoted\"", "'it\\'s \"quoted\"'")]
    [InlineData("line\nbreak\ttab\r", "'line\\nbreak\\ttab\\r'")]
    [InlineData("back\\slash", "'back\\\\slash'")]
    [InlineData("“curly” é", "'“curly” é'")]
    [InlineData("bell\u0007", "'bell\\x07'")]
    [InlineData("nbsp\u00a0zwsp\u200b", "'nbsp\\xa0zwsp\\u200b'")]
    public void Strings_are_quoted_and_escaped_like_python(string value, string expected) =>
        Assert.Equal(expected, PythonRepr.Text(value));

    [Fact]
    public void Memory_shapes_match_python()
    {
        Assert.Equal("{'user': 'hi'}", PythonRepr.Dict("user", "hi"));
        Assert.Equal("(('assistant', \"don't\"),)", PythonRepr.ItemsTuple("assistant", "don't"));
        Assert.Equal("[{'human': 'a'}, {'AI': 'b'}]", PythonRepr.DictList([("human", "a"), ("AI", "b")]));
    }
}
