using System.Diagnostics;

namespace EDoc.Cli.Tests;

/// <summary>Runs the external judges (pdfsig, certutil, qpdf …) and counts what they print.</summary>
internal static class ExternalTools
{
    public static int Count(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

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
            throw new InvalidOperationException($"'{tool}' is required by this test (apt-get install poppler-utils libnss3-tools qpdf).", ex);
        }

        using (p)
        {
            Task<string> err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return new ToolRun(p.ExitCode, output + err.Result);
        }
    }

    internal sealed record ToolRun(int ExitCode, string Out)
    {
        public void AssertOk() => Assert.True(ExitCode == 0, Out);
    }
}
