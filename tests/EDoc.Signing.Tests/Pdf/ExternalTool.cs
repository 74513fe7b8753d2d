using System.Diagnostics;

namespace EDoc.Signing.Tests.Pdf;

/// <summary>Runs the Debian tools the PDF tests use as producers and judges; fails clearly when one is missing.</summary>
internal static class ExternalTool
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string All => StdOut + StdErr;
    }

    public static Result Run(string tool, IEnumerable<string> args, string? workingDirectory = null, int timeoutSeconds = 120, IDictionary<string, string>? env = null)
    {
        string? path = Find(tool);
        if (path is null)
        {
            Assert.Fail($"The test tool '{tool}' is not installed. Run scripts/test-tools.sh (apt-get install poppler-utils qpdf libnss3-tools libreoffice-writer-nogui fonts-dejavu).");
        }

        var psi = new ProcessStartInfo(path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (env is not null)
        {
            foreach (KeyValuePair<string, string> e in env)
            {
                psi.Environment[e.Key] = e.Value;
            }
        }

        using var p = Process.Start(psi)!;
        Task<string> so = p.StandardOutput.ReadToEndAsync();
        Task<string> se = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(true);
            Assert.Fail($"'{tool} {string.Join(' ', args)}' did not finish in {timeoutSeconds} s.");
        }

        p.WaitForExit();
        return new Result(p.ExitCode, so.Result, se.Result);
    }

    public static string? Find(string tool)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs <c>qpdf --check</c>; returns its result (0 clean, 2 errors, 3 warnings).</summary>
    public static Result QpdfCheck(string file) => Run("qpdf", ["--check", file]);
}
