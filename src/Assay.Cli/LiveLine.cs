namespace Assay.Cli;

/// <summary>
/// A writer whose lines replace each other on one terminal line (carriage return, erase to end of line); disposing
/// it ends the line so the next output starts on its own.
/// </summary>
internal sealed class LiveLine(TextWriter terminal) : TextWriter
{
    private bool written;

    public override System.Text.Encoding Encoding => terminal.Encoding;

    /// <summary>True for the process's own standard error when it is a terminal, not a file, pipe or test writer.</summary>
    public static bool IsTerminal(TextWriter writer) =>
        ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    public override void WriteLine(string? value)
    {
        terminal.Write("\r\u001b[K" + value);
        terminal.Flush();
        written = true;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && written)
        {
            terminal.WriteLine();
        }

        base.Dispose(disposing);
    }
}
