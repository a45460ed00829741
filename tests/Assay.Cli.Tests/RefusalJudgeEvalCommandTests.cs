using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary><c>assay judge-eval --set xstest_v2_completions_gpt4.csv --format xstest-labelled --judge refusal</c>, through the built CLI.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RefusalJudgeEvalCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-xs-eval-").FullName;

    [Fact]
    public async Task The_refusal_classifier_s_agreement_with_XSTest_s_human_labels_is_reported_per_prompt_type()
    {
        var (report, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, BuiltCli.RunId("xs-eval"),
            "judge-eval", "--set", Datasets.File("xstest", "model_completions", "xstest_v2_completions_gpt4.csv"), "--format", "xstest-labelled", "--judge", "refusal");
        Assert.Equal(["answer"], report.Targets.Select(t => t.Name)); // one output, judged alone; no canary: the labels are the check
        var agreement = report.JudgeAgreement!;
        Assert.Equal((450, 450), (agreement.Overall.Pairs, agreement.Overall.Scored));
        Assert.Equal(18, agreement.Subsets.Count); // XSTest v2's prompt types
        var markdown = await File.ReadAllTextAsync(Directory.GetFiles(work, "report.md", SearchOption.AllDirectories).Single());
        Assert.Contains("## Judge agreement with the gold labels", markdown, StringComparison.Ordinal);
        Console.WriteLine($"refusal classifier vs XSTest humans on GPT-4's completions: agreement {agreement.Overall.Agreement:0.0000}, kappa {agreement.Overall.CohenKappa:0.0000}");
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
