using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sip.Workflow.TestUtilities;

/// <summary>
/// A separate OS process running the test writer (tests/Sip.Workflow.TestWriter) against a store; collects the command ids
/// it acknowledged. The store is <c>sqlite:&lt;file&gt;</c> or <c>postgres:&lt;schema&gt;:&lt;connection string&gt;</c>.
/// </summary>
public sealed class WriterProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<CommandId> _acknowledged = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public WriterProcess(string store, SipCaseId caseId, int commands, string name)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "Sip.Workflow.TestWriter.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { writer, store, caseId.ToString(), commands.ToString(System.Globalization.CultureInfo.InvariantCulture), name })
        {
            start.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("ACK ", StringComparison.Ordinal))
            {
                _acknowledged.Enqueue(new CommandId(Guid.Parse(line.AsSpan(4))));
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _errors.Enqueue(line);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<CommandId> Acknowledged => [.. _acknowledged];

    public string Errors => string.Join(Environment.NewLine, _errors);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async Task WaitForAcknowledgementsAsync(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (_acknowledged.Count < count)
        {
            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The writer acknowledged {_acknowledged.Count} of {count} commands. {Errors}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();

        // Output already read into the pipe still counts as acknowledged; let the reader drain it.
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
