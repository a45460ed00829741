using System.Collections.Concurrent;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Assay.Testing;

/// <summary>
/// xUnit's collection per class, except that each class of a collection whose fixture is <see cref="AzuriteFixture"/>
/// becomes a collection of its own (named "{collection}: {class}"): the classes of the end-to-end tests then run in
/// parallel, each on an Azurite it has to itself, instead of one after another on one. Most of their time is waiting
/// (simulated latency, the Durable host's polling, processes starting), not CPU. Tests within a class still run one
/// after another; xunit.runner.json's maxParallelThreads caps how many collections run at once.
/// </summary>
public sealed class ClassCollectionFactory(ITestAssembly testAssembly, IMessageSink diagnosticMessageSink) : IXunitTestCollectionFactory
{
    private readonly CollectionPerClassTestCollectionFactory inner = new(testAssembly, diagnosticMessageSink);
    private readonly ConcurrentDictionary<string, ITestCollection> perClass = new(StringComparer.Ordinal);

    public string DisplayName => "collection-per-class, Azurite collections split per class";

    public ITestCollection Get(ITypeInfo testClass)
    {
        var collection = inner.Get(testClass);
        if (collection.CollectionDefinition?.ToRuntimeType() is not { } definition
            || !definition.GetInterfaces().Contains(typeof(Xunit.ICollectionFixture<AzuriteFixture>)))
        {
            return collection;
        }

        return perClass.GetOrAdd(testClass.Name, name => new TestCollection(testAssembly, collection.CollectionDefinition, $"{collection.DisplayName}: {name}"));
    }
}
