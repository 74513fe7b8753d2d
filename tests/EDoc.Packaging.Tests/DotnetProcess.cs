using System.Diagnostics;
using System.Text;

namespace EDoc.Packaging.Tests;

/// <summary>What a child process did.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>The command, its exit code, time and output, for assertion messages.</summary>
    public override string ToString() => $"{Command}\nexit {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs <c>dotnet</c> (the host that runs the tests) and other programs as a developer would in a shell: without the
/// MSBuild variables the test host inherits, without build servers that would outlive the test, within a time limit.
/// </summary>
internal static class DotnetProcess
{
    /// <summary>The dotnet host running the tests (<c>DOTNET_HOST_PATH</c>), else <c>dotnet</c> from PATH.</summary>
    public static string Host { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    public static Task<ProcessResult> DotnetAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
        => RunAsync(Host, args, workingDirectory, timeout, environment);

    public static async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> args, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        // The test host runs under `dotnet test`, whose MSBuild variables would point a nested build at the wrong SDK files.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(key);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        psi.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // No MSBuild nodes or compiler server left running after the test (they would also hold its output pipes open).
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["UseSharedCompilation"] = "false";
        if (Path.IsPathRooted(Host))
        {
            psi.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(Host)!;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var command = $"{Path.GetFileName(fileName)} {string.Join(' ', args)}";
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + command);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{command} did not finish within {timeout.TotalSeconds:F0} s.\n--- stdout\n{await stdout}\n--- stderr\n{await stderr}");
        }

        return new ProcessResult(command, process.ExitCode, await stdout, await stderr, stopwatch.Elapsed);
    }
}
