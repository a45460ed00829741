using Assay.Core.Judges.Scoring;

namespace Assay.Core.Tests.Judges.Scoring;

/// <summary>SQuAD normalisation, token F1 and ROUGE-L against values computed by hand (shown in each case).</summary>
public sealed class TextMetricTests
{
    [Theory]
    [InlineData("The Cat, sat  on a MAT!", "cat sat on mat")]
    [InlineData("An apple\tand\nthe pear.", "apple and pear")]
    [InlineData("theory another", "theory another")]
    [InlineData("“Quoted”", "“quoted”")]
    [InlineData("", "")]
    public void Normalizes_like_the_squad_script(string text, string expected) =>
        Assert.Equal(expected, SquadText.Normalize(text));

    [Theory]
    // pred [cat sat on mat], ref [cat on mat]: 3 common, P = 3/4, R = 1, F1 = 6/7.
    [InlineData("The cat sat on the mat", "a cat on a mat", 6.0 / 7)]
    // pred [paris france], ref [paris]: P = 1/2, R = 1, F1 = 2/3.
    [InlineData("Paris, France.", "paris", 2.0 / 3)]
    // pred [cat cat cat], ref [cat dog cat]: common min(3, 2) = 2, P = R = 2/3.
    [InlineData("the the cat cat cat", "cat dog cat", 2.0 / 3)]
    [InlineData("dog", "cat", 0.0)]
    // Both empty after normalisation: 1; only one empty: 0 (SQuAD v2 rule).
    [InlineData("the", "a", 1.0)]
    [InlineData("", "cat", 0.0)]
    public void Token_f1(string prediction, string reference, double expected) =>
        Assert.Equal(expected, TokenF1.Score(prediction, reference), 12);

    [Fact]
    public void Token_f1_takes_the_best_reference() =>
        Assert.Equal(1.0, TokenF1.Best("Paris", ["London", "the Paris"]), 12);

    [Fact]
    public void Exact_and_normalized_match_differ_on_case_and_articles()
    {
        Assert.Equal(1, ExactMatchEvaluator.Exact("  Paris ", "Paris"));
        Assert.Equal(0, ExactMatchEvaluator.Exact("paris", "Paris"));
        Assert.Equal(1, ExactMatchEvaluator.Normalized("The Paris!", "paris"));
        Assert.Equal(0, ExactMatchEvaluator.Normalized("Paris, France", "paris"));
    }

    [Fact]
    public void Rouge_tokenizer_keeps_only_lowercase_ascii_letters_and_digits()
    {
        Assert.Equal(["hello", "world", "it", "s", "2024"], RougeL.Tokenize("Hello, World! It's 2024"));
        Assert.Equal(["caf", "na", "ve"], RougeL.Tokenize("Café naïve"));
    }

    [Theory]
    // [police killed the gunman] vs [police kill the gunman]: LCS 3, P = R = F = 3/4.
    [InlineData("police killed the gunman", "police kill the gunman", 0.75, 0.75, 0.75)]
    // pred [the cat and the dog] vs ref [the cat is on the mat]: LCS "the cat the" = 3, P = 3/5, R = 3/6, F = 6/11.
    [InlineData("the cat and the dog", "the cat is on the mat", 0.6, 0.5, 6.0 / 11)]
    // Order matters: LCS of [a b c d] and [d c b a] is 1, P = R = F = 1/4.
    [InlineData("a b c d", "d c b a", 0.25, 0.25, 0.25)]
    [InlineData("!!!", "the cat", 0.0, 0.0, 0.0)]
    public void Rouge_l(string prediction, string reference, double precision, double recall, double f)
    {
        var score = RougeL.Score(prediction, reference);

        Assert.Equal(precision, score.Precision, 12);
        Assert.Equal(recall, score.Recall, 12);
        Assert.Equal(f, score.FMeasure, 12);
    }

    [Fact]
    public void Rouge_l_takes_the_reference_with_the_best_f_measure() =>
        Assert.Equal(0.75, RougeL.Best("police killed the gunman", ["nothing alike", "police kill the gunman"]).FMeasure, 12);
}
