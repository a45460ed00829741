using Assay.Durable.Contracts;
using Assay.Durable.Resolution;
using Assay.Durable.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assay.Durable.Tests.Runs;

/// <summary>The target-kind registry covers every kind once, parses its own syntax, and every kind checks and resolves.</summary>
public sealed class TargetKindsTests
{
    public static TheoryData<string, TargetKind, string> Examples => new()
    {
        { "null", TargetKind.Null, "null" },
        { "floor=refuse", TargetKind.Refuse, "floor" },
        { "gpt4=recorded:runs/r/targets/gpt4/xstest_v2_completions_gpt4.csv", TargetKind.Recorded, "gpt4" },
        { "field:answer_a", TargetKind.CaseField, "answer_a" },
        { "local~base64+cot", TargetKind.Endpoint, "local~base64+cot" },
    };

    [Fact]
    public void Every_kind_has_exactly_one_entry_and_appears_in_what_is_accepted()
    {
        Assert.Equal(Enum.GetValues<TargetKind>().Order(), TargetKinds.All.Select(k => k.Kind).Order());
        Assert.All(TargetKinds.All, k => Assert.Contains(k.Syntax, TargetKinds.Accepted, StringComparison.Ordinal));
        Assert.Equal(Enum.GetValues<TargetKind>().Order(), Examples.Select(e => (TargetKind)e[1]).Order());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_kind_parses_checks_and_resolves(string text, TargetKind kind, string name)
    {
        var parsed = TargetKinds.Parse(text);

        Assert.Null(parsed.Problem);
        Assert.Equal(kind, parsed.Spec!.Kind);
        Assert.Equal(name, parsed.Spec.Name);
        using var services = Services();
        var resolver = services.GetRequiredService<TargetResolver>();
        Assert.Null(resolver.Check(parsed.Spec));
        if (kind != TargetKind.Recorded) // a recorded target reads its blob; the end-to-end tests cover it
        {
            Assert.Equal(name, (await resolver.ResolveAsync(parsed.Spec, CancellationToken.None)).Name);
        }
    }

    [Theory]
    [InlineData("", "empty target")]
    [InlineData("x=", "empty target")]
    [InlineData("bad name!=null", "NAME=")]
    [InlineData("recorded:", "recorded:FILE")]
    [InlineData("recorded:answers.txt", "recorded-answer format")]
    [InlineData("field:", "field:NAME")]
    [InlineData("https://example.com/v1", "looks like a URL")]
    [InlineData("local~nosuch", "unknown mutation")]
    public void A_bad_target_says_what_is_wrong(string text, string expected)
    {
        var parsed = TargetKinds.Parse(text);

        Assert.Null(parsed.Spec);
        Assert.Contains(expected, parsed.Problem, StringComparison.Ordinal);
    }

    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Endpoints:local:Kind"] = "OpenAICompatible",
            ["Endpoints:local:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Endpoints:local:Model"] = "m",
        }).Build();
        return new ServiceCollection().AddLogging().AddAssayCore(configuration).BuildServiceProvider();
    }
}
