using Azure.Data.Tables;

namespace Assay.Bench;

/// <summary>
/// The orchestration history the run left in the task hub's History table: rows in all, rows of the largest instance
/// (a replay of that instance reads them all), instances, and the bytes of the rows' property values (strings as
/// UTF-16 chars × 2, binaries as their length; large payloads the backend moved to blobs count only as their name).
/// </summary>
internal sealed record HistorySize(int Instances, int Rows, int LargestInstanceRows, long Bytes)
{
    public static async Task<HistorySize> MeasureAsync(string connectionString, string taskHub)
    {
        var table = new TableClient(connectionString, taskHub + "History");
        var perInstance = new Dictionary<string, int>(StringComparer.Ordinal);
        var (rows, bytes) = (0, 0L);
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows++;
            perInstance[row.PartitionKey] = perInstance.GetValueOrDefault(row.PartitionKey) + 1;
            foreach (var (_, value) in row)
            {
                bytes += value switch
                {
                    string s => s.Length * 2L,
                    byte[] b => b.Length,
                    BinaryData b => b.ToMemory().Length,
                    _ => 8,
                };
            }
        }

        return new HistorySize(perInstance.Count, rows, perInstance.Count == 0 ? 0 : perInstance.Values.Max(), bytes);
    }
}
