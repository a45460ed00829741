using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Assay.Testing;

/// <summary>
/// xUnit v2 has no dynamic skip. This framework (named by each test assembly's <c>[assembly: TestFramework]</c>, see
/// tests/Directory.Build.props) reports a test that failed with <see cref="SkipTestException"/> anywhere in its
/// exception chain as skipped, with the exception's message as the reason. Plain <c>[Fact]</c> and <c>[Theory]</c>
/// stay as they are: a test skips simply by calling <see cref="Requirement.Needs"/> (which <see cref="Datasets"/> does).
/// </summary>
public sealed class SkippingTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(
                TestAssembly, testCases, DiagnosticMessageSink, new SkippingSink(executionMessageSink, DiagnosticMessageSink), executionOptions);
            await runner.RunAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the assembly's Azurites (<see cref="AzuritePool"/>) once its last collection is done.</summary>
    private sealed class AssemblyRunner(
        ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await AzuritePool.StopAllAsync().ConfigureAwait(false);
            await base.BeforeTestAssemblyFinishedAsync().ConfigureAwait(false);
        }
    }

    // xUnit3000 asks for MarshalByRefObject, which matters only across .NET Framework app domains (none on .NET 10).
#pragma warning disable xUnit3000
    private sealed class SkippingSink(IMessageSink inner, IMessageSink diagnostics) : IMessageSink
#pragma warning restore xUnit3000
    {
        private static readonly string SkipType = typeof(SkipTestException).FullName!;

        private readonly HashSet<string> reasonsShown = [];

        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is ITestFailed failed && Array.IndexOf(failed.ExceptionTypes, SkipType) is var index and >= 0)
            {
                var reason = failed.Messages[index];
                // The runner prints skip reasons only at "normal" verbosity; each reason once, as a diagnostic, is
                // visible in a plain `dotnet test` (xunit.runner.json turns diagnostic messages on).
                bool first;
                lock (reasonsShown)
                {
                    first = reasonsShown.Add(reason);
                }

                if (first)
                {
                    diagnostics.OnMessage(new DiagnosticMessage($"skipped tests: {reason}"));
                }

                return inner.OnMessage(new TestSkipped(failed.Test, reason));
            }

            return inner.OnMessage(message);
        }
    }
}
