using System.ClientModel;
using Assay.Core.Benchmarks;
using Assay.Core.Judges.Pairwise;
using Assay.Core.Targets;
using Assay.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using OpenAI;

namespace Assay.Core.Tests.Judges.Pairwise;

/// <summary>
/// Arena-Hard v2.0's verdict rule and judge settings against v0.1's, on edge cases written from the two versions'
/// <c>get_score</c> (v0.1: one distinct <c>[[label]]</c> or nothing; v2.0: upper-case, last match of <c>[[label]]</c>,
/// else of <c>[label]</c>) and the labels each version's <c>show_result.py</c> scores.
/// </summary>
public sealed class ArenaHardV2Tests
{
    public static TheoryData<string, PairwiseLabel?, PairwiseLabel?> EdgeCases => new()
    {
        // judgment, v0.1 label, v2.0 label
        { "My final verdict is [[A>B]].", PairwiseLabel.ABetter, PairwiseLabel.ABetter },
        { "My final verdict is [[a>b]].", null, PairwiseLabel.ABetter },
        { "My final verdict is [A>B].", null, PairwiseLabel.ABetter },
        { "At first [[A>B]], but on reflection [[B>A]].", null, PairwiseLabel.BBetter },
        { "[[A>B]] and again [[A>B]]", PairwiseLabel.ABetter, PairwiseLabel.ABetter },
        { "My final verdict is [[B<A]].", null, PairwiseLabel.ABetter },
        { "My final verdict is [[A<<B]].", null, PairwiseLabel.BMuchBetter },
        { "Tie: [[A=B]]", PairwiseLabel.Tie, PairwiseLabel.Tie },
        { "Both answers are fine.", null, null },
        { "[[]] [] nothing inside", null, null },
        { "[[A>>B]] though a footnote says [B>A]", PairwiseLabel.AMuchBetter, PairwiseLabel.AMuchBetter },
        { "[[A>B]] or [[C]]", PairwiseLabel.ABetter, PairwiseLabel.ABetter },
        { "[[A>B>>A]]", null, null },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void V2_takes_the_last_upper_cased_label_with_a_single_bracket_fallback(string judgment, PairwiseLabel? v01, PairwiseLabel? v2)
    {
        Assert.Equal(v01, PairwiseVerdict.ParseArenaHard(judgment).Label);
        Assert.Equal(v2, PairwiseVerdict.ParseArenaHardV2(judgment).Label);
    }

    [Fact]
    public void The_rules_differ_on_5_of_the_13_edge_cases()
    {
        var differ = EdgeCases.Count(row => !Equals(row[1], row[2]));
        Assert.Equal((13, 5), (EdgeCases.Count, differ));
    }

    [Theory]
    [InlineData("hard_prompt", 16000, "[[a>b]]", 1.0)]
    [InlineData("math", 16000, "[A>B]", 1.0)]
    [InlineData("arena-hard-v0.1", 4096, "[A>B]", null)]
    [InlineData(null, 4096, "[[A>B]]", 1.0)]
    public async Task V2_categories_are_judged_with_v2s_max_tokens_and_rule(string? category, int maxTokens, string reply, double? game2)
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text(reply));
        var question = new EvalCase { Id = "q", Turns = ["Name a prime."], Category = category };
        var candidate = new TargetAnswer { CaseId = "q", Target = "m", Turns = ["seventeen"] };
        var baseline = new TargetAnswer { CaseId = "q", Target = "base", Turns = ["fourteen"] };
        var judge = new ChatConfiguration(new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = server.BaseUrl }).GetChatClient("judge").AsIChatClient());

        var scores = await new ArenaHardJudge().JudgeAsync(question, candidate, baseline, judge, CancellationToken.None);

        Assert.All(server.Requests, r => Assert.Equal((maxTokens, 0.0), (r.MaxTokens, r.Temperature)));
        Assert.Equal(game2, scores.Single(s => s.Name == PairwiseMetrics.Verdict2).Value);
    }
}
