namespace EDoc.Cli.Demo;

/// <summary>One verdict of the demo.</summary>
/// <param name="Step">What was checked.</param>
/// <param name="Ok">Whether the verdict is positive.</param>
/// <param name="Detail">The evidence, in one line.</param>
internal sealed record DemoCheck(string Step, bool Ok, string Detail);

/// <summary>What the demo did: verdicts, numbers, files; written as <c>demo-result.json</c>.</summary>
/// <param name="OutputDirectory">The output folder (full path).</param>
internal sealed class DemoResult(string OutputDirectory)
{
    public string OutputDirectory { get; } = OutputDirectory;

    /// <summary>Whether every verdict is positive (and there is at least one).</summary>
    public bool Ok => Checks.Count > 0 && Checks.All(c => c.Ok);

    public List<DemoCheck> Checks { get; } = [];

    /// <summary>The numbers the registers gave: outgoing number and date, arrival number and date.</summary>
    public Dictionary<string, string> Numbers { get; } = new(StringComparer.Ordinal);

    /// <summary>The files written, by role (full paths).</summary>
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>The malware scanner used, or why none was.</summary>
    public string? Scanner { get; set; }

    /// <summary>What the demo could not do on this machine (e.g. no pdftoppm).</summary>
    public List<string> Notes { get; } = [];

    public TimeSpan Elapsed { get; set; }

    public void AddFile(string role, string path) => Files[role] = Path.GetFullPath(path);
}
