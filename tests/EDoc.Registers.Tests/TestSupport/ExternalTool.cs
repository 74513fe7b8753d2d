using System.Diagnostics;

namespace EDoc.Registers.Tests.TestSupport;

/// <summary>Runs an external judge (pdftotext, soffice); FAILS with the install hint when it is missing.</summary>
internal static class ExternalTool
{
    public static string Require(string command, string package)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, command);
            if (File.Exists(path))
            {
                return path;
            }
        }

        Assert.Fail($"The test needs '{command}' (Debian package {package}): apt-get install -y --no-install-recommends {package}, or run ./test.sh.");
        return command;
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish in 3 minutes.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
