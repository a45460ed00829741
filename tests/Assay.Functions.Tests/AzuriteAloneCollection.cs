using Assay.Testing;

namespace Assay.Functions.Tests;

/// <summary>
/// An Azurite collection that runs while no other collection does (after the parallel ones): for a test that sets a
/// process-wide value (ReaderLimits.Current, through its host's configuration) or measures the whole process
/// (GC.GetTotalAllocatedBytes), which a class running beside it would change.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AzuriteAloneCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite, alone";
}
