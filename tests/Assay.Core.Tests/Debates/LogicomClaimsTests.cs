using System.Text;
using Assay.Core.Benchmarks;
using Assay.Core.Debates;
using Assay.Testing;

namespace Assay.Core.Tests.Debates;

public sealed class LogicomClaimsTests
{
    [Fact]
    public async Task The_dataset_has_200_claims_with_multi_line_fields_read_in_order()
    {
        var claims = await LogicomClaims.ReadFileAsync(Datasets.File("logicom", "all-claim-not-claim.csv"), null, CancellationToken.None);

        Assert.Equal(200, claims.Count);
        Assert.Equal(new DebateClaim(
            "20932920_284_A104V8NZIQFN2F",
            "Should Foreign Language Classes Be Mandatory in College?",
            "Foreign language classes should be mandatory in college",
            "We should be able to speak other languages rather than expect everyone else to speak english.",
            2), claims[0]);
        Assert.Equal(claims.Count, claims.Select(c => c.Id).Distinct().Count());
        Assert.Equal(claims.Take(3), await LogicomClaims.ReadFileAsync(Datasets.File("logicom", "all-claim-not-claim.csv"), 3, CancellationToken.None));
    }

    [Theory]
    [InlineData("id,title,claim\nx,t,c\n", 1, "reason", "missing column in the header")]
    [InlineData("id,title,claim,reason\nx,t,c,r\nx,t,c,r\n", 3, "id", "'x' appears twice (first on line 2)")]
    [InlineData("id,title,claim,reason\nx,,c,r\n", 2, "title", "must not be empty")]
    [InlineData("id,title,claim,reason\n", 0, null, "no claims")]
    public async Task Bad_files_name_line_and_field(string csv, long line, string? field, string problem)
    {
        var error = await Assert.ThrowsAsync<BenchmarkFormatException>(async () =>
        {
            await foreach (var _ in LogicomClaims.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "claims.csv"))
            {
            }
        });

        Assert.Equal(("claims.csv", line, field), (error.File, error.Line, error.Field));
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }
}
