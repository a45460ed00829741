using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Assay.Cli.Tests.SubOrchestrations;

/// <summary>Routes the durable host's warnings and errors to the test output, where a failing run explains itself.</summary>
internal sealed class TestLogProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; background loops may still log while the host shuts down.
            }
        }
    }
}
