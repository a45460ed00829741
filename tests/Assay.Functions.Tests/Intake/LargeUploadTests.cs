using System.Text.Json;
using Assay.Functions.Intake;
using Assay.Testing;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Assay.Functions.Tests.Intake;

/// <summary>
/// Issue 17: the 2 GB upload path neither copies nor reads the blob. The upload is a real blob in Azurite whose client
/// reports 2 GiB and throws on any read, so a copy to the rejected container, a validation pass or a download would
/// fail the test instead of quietly streaming two gigabytes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LargeUploadTests(AzuriteFixture azurite)
{
    private const long TwoGiB = 2L * 1024 * 1024 * 1024;

    [Fact]
    public async Task A_2_GB_upload_is_rejected_from_its_properties_without_a_byte_read_or_copied()
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        var name = $"huge-{Guid.NewGuid():N}/cases.jsonl";
        await host.UploadAsync(name, BinaryData.FromString("""{"id":"a","turns":["hi"]}"""));
        var blob = new UnreadableBlobClient(azurite.ConnectionString, host.Store.Options.BenchmarksContainer, name, TwoGiB);

        var outcome = await host.Get<BlobIntakeService>().ProcessAsync(blob, host.Client, CancellationToken.None);

        Assert.Equal(IntakeDecision.Rejected, outcome.Decision);
        Assert.Contains($"{TwoGiB} bytes", outcome.Problem, StringComparison.Ordinal);
        Assert.Equal(0, blob.Reads);
        var rejected = host.Get<BlobServiceClient>().GetBlobContainerClient("benchmarks-rejected");
        Assert.False((await rejected.GetBlobClient(name).ExistsAsync()).Value);
        var error = JsonDocument.Parse((await rejected.GetBlobClient(name + ".error.json").DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.False(error.GetProperty("kept").GetBoolean());
        Assert.Equal(TwoGiB, error.GetProperty("size").GetInt64());
        Assert.False((await host.Get<BlobServiceClient>().GetBlobContainerClient(host.Store.Options.BenchmarksContainer).GetBlobClient(name).ExistsAsync()).Value);
        Assert.Empty(await host.InstancesAsync());
    }

    /// <summary>A real blob client whose blob claims <paramref name="size"/> bytes and that refuses to be read.</summary>
    private sealed class UnreadableBlobClient(string connection, string container, string name, long size) : BlobClient(connection, container, name)
    {
        public int Reads { get; private set; }

        public override async Task<Response<BlobProperties>> GetPropertiesAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
        {
            var real = await base.GetPropertiesAsync(conditions, cancellationToken);
            var claimed = BlobsModelFactory.BlobProperties(contentLength: size, eTag: real.Value.ETag, contentType: real.Value.ContentType, lastModified: real.Value.LastModified);
            return Response.FromValue(claimed, real.GetRawResponse());
        }

        public override Task<Stream> OpenReadAsync(BlobOpenReadOptions options, CancellationToken cancellationToken = default) => Refuse<Stream>();

        public override Task<Stream> OpenReadAsync(long position = 0, int? bufferSize = null, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default) => Refuse<Stream>();

        public override Task<Stream> OpenReadAsync(bool allowBlobModifications, long position = 0, int? bufferSize = null, CancellationToken cancellationToken = default) => Refuse<Stream>();

        public override Task<Response<BlobDownloadStreamingResult>> DownloadStreamingAsync(BlobDownloadOptions? options = null, CancellationToken cancellationToken = default) => Refuse<Response<BlobDownloadStreamingResult>>();

        public override Task<Response<BlobDownloadResult>> DownloadContentAsync(BlobDownloadOptions options, CancellationToken cancellationToken = default) => Refuse<Response<BlobDownloadResult>>();

        private Task<T> Refuse<T>()
        {
            Reads++;
            throw new InvalidOperationException("the 2 GB upload was read");
        }
    }
}
