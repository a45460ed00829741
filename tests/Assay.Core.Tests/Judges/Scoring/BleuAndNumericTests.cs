using Assay.Core.Judges.Scoring;

namespace Assay.Core.Tests.Judges.Scoring;

/// <summary>Sentence BLEU (NLTK method 1 smoothing) and numeric answers, against values computed by hand.</summary>
public sealed class BleuAndNumericTests
{
    [Fact]
    public void Bleu_with_one_missing_order_is_smoothed_not_zero()
    {
        // hyp [the cat sat on the mat], ref [the cat is on the mat], both 6 tokens so BP = 1.
        // p1 = 5/6 (the x2, cat, on, mat), p2 = 3/5 (the cat, on the, the mat), p3 = 1/4 (on the mat),
        // p4 = 0/3 -> 0.1/3. BLEU = (5/6 * 3/5 * 1/4 * 1/30)^(1/4) = (1/240)^(1/4) = 0.2540664...
        var bleu = SentenceBleu.Score("the cat sat on the mat", ["the cat is on the mat"]);

        Assert.Equal(Math.Pow(1.0 / 240, 0.25), bleu, 12);
        Assert.Equal(0.254066, bleu, 6);
    }

    [Fact]
    public void Bleu_applies_the_brevity_penalty()
    {
        // hyp [the cat] (c = 2), ref 6 tokens: p1 = p2 = 1, p3 = p4 = 0.1/1 (no hypothesis n-grams, denominator 1).
        // Geometric mean sqrt(0.1); BP = exp(1 - 6/2) = exp(-2). BLEU = 0.316228 * 0.135335 = 0.042797.
        var bleu = SentenceBleu.Score("the cat", ["the cat is on the mat"]);

        Assert.Equal(Math.Sqrt(0.1) * Math.Exp(-2), bleu, 12);
    }

    [Fact]
    public void Bleu_with_several_references_uses_the_closest_length_and_clips_per_reference()
    {
        // Closest reference length to 2 is 2 ("a cat"), so BP = 1; "the" and "the cat" match in the first reference.
        var bleu = SentenceBleu.Score("the cat", ["the cat is on the mat", "a cat"]);

        Assert.Equal(Math.Sqrt(0.1), bleu, 12);
    }

    [Fact]
    public void Bleu_clips_repeated_words()
    {
        // hyp [the the the the], ref [the cat]: p1 = min(4, 1)/4 = 1/4, p2..p4 = 0.1/3, 0.1/2, 0.1/1; BP = 1 (4 > 2).
        var expected = Math.Pow(0.25 * (0.1 / 3) * (0.1 / 2) * 0.1, 0.25);

        Assert.Equal(expected, SentenceBleu.Score("the the the the", ["the cat"]), 12);
    }

    [Theory]
    [InlineData("the quick brown fox jumps", "the quick brown fox jumps", 1.0)]
    [InlineData("completely different words", "the quick brown fox", 0.0)]
    [InlineData("", "the cat", 0.0)]
    public void Bleu_edges(string hypothesis, string reference, double expected) =>
        Assert.Equal(expected, SentenceBleu.Score(hypothesis, [reference]), 12);

    [Fact]
    public void Bleu_tokens_split_punctuation_and_keep_case() =>
        Assert.Equal(["The", "cat", ".", "It", "'", "s"], SentenceBleu.Tokenize("The cat. It's"));

    [Theory]
    [InlineData("The total is $1,234.50.", 1234.5)]
    [InlineData("Natalia sold 48 clips in April and 24 in May.\n#### 72", 72)]
    [InlineData("She has 3 bags of 6 apples, so she has 18 apples left", 18)]
    [InlineData("The answer is 42, not 43", 42)]
    [InlineData("It is -5 degrees outside", -5)]
    [InlineData("The trip takes 3-5 hours", 5)]
    [InlineData("So the probability is $\\boxed{3/4}$.", 0.75)]
    [InlineData("It costs 1.5e3 dollars", 1500)]
    [InlineData("About 50% of them", 50)]
    [InlineData("COVID-19", 19)]
    [InlineData("Final answer: 1,000,000 people", 1000000)]
    [InlineData("The value is .5", 0.5)]
    [InlineData("1,2,3", 3)]
    public void Extracts_the_final_number(string text, double expected) =>
        Assert.Equal(expected, NumericAnswer.Extract(text)!.Value, 9);

    [Theory]
    [InlineData("I don't know.")]
    [InlineData("")]
    public void No_number_is_null(string text) => Assert.Null(NumericAnswer.Extract(text));

    [Theory]
    [InlineData(100, 100.5, 0.01, true)]
    [InlineData(100, 102, 0.01, false)]
    [InlineData(0, 0, 0, true)]
    [InlineData(0.333, 1.0 / 3, 1e-6, false)]
    [InlineData(-2, 2, 0.5, false)]
    public void Relative_tolerance_is_isclose(double a, double b, double tolerance, bool expected) =>
        Assert.Equal(expected, NumericAnswer.Matches(a, b, tolerance));
}
