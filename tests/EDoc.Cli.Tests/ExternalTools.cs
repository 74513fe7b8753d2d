using System.Diagnostics;

namespace EDoc.Tests.Support;

/// <summary>
/// Runs the external judges (pdfsig, certutil, qpdf, pdftotext, pdftoppm, LibreOffice …) and counts what they print.
/// Shared by the CLI and sample-host tests (linked into EDoc.SampleHost.Tests).
/// </summary>
internal static class ExternalTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>How often <paramref name="what"/> occurs in <paramref name="text"/> (ordinal, not overlapping).</summary>
    public static int Count(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    /// <summary>Runs <paramref name="tool"/> to the end (at most two minutes) and returns its exit code and output.</summary>
    public static ToolRun Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{tool}' is required by this test (apt-get install poppler-utils libnss3-tools qpdf, see scripts/test-tools.sh).", ex);
        }

        using (p)
        {
            Task<string> stdout = p.StandardOutput.ReadToEndAsync();
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(Timeout))
            {
                p.Kill(entireProcessTree: true);
                Assert.Fail($"'{tool} {string.Join(' ', args)}' did not finish within {Timeout.TotalSeconds} s.");
            }

            return new ToolRun(p.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>What a tool printed; <see cref="Out"/> is both streams, standard output first.</summary>
    internal sealed record ToolRun(int ExitCode, string Stdout, string Stderr)
    {
        public string Out => Stdout + Stderr;

        public void AssertOk() => Assert.True(ExitCode == 0, Out);
    }
}
