using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace EDoc.Registers.Tests.TestSupport;

/// <summary>One running EDoc.Registers.StressWorker OS process.</summary>
internal sealed class StressWorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource firstNumber = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> errors = new();

    private StressWorkerProcess(Process process) => this.process = process;

    public ConcurrentQueue<int> Numbers { get; } = new();

    public string Errors => string.Join(Environment.NewLine, errors);

    public static StressWorkerProcess Start(string store, int count, string registerId, string issuer, string book = "outgoing")
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "EDoc.Registers.StressWorker.dll");
        Assert.True(File.Exists(worker), $"The stress worker is missing: {worker}");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { worker, "--store", store, "--count", count.ToString(CultureInfo.InvariantCulture), "--register", registerId, "--issuer", issuer, "--book", book })
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new StressWorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            if (e.Data == "ready")
            {
                result.ready.TrySetResult();
            }
            else if (e.Data.StartsWith("n ", StringComparison.Ordinal))
            {
                result.Numbers.Enqueue(int.Parse(e.Data.AsSpan(2), CultureInfo.InvariantCulture));
                result.firstNumber.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                result.errors.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    public async Task WaitForFirstNumberAsync(TimeSpan timeout)
    {
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(firstNumber.Task, exited).WaitAsync(timeout);
        if (first != firstNumber.Task && !firstNumber.Task.IsCompleted)
        {
            await Task.Delay(200); // let the error lines arrive
            Assert.Fail($"The worker exited with {process.ExitCode} before issuing a number: {Errors}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }
}
