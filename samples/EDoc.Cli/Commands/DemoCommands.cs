using System.CommandLine;
using System.Text.Json;
using EDoc.Cli.Demo;

namespace EDoc.Cli.Commands;

/// <summary>
/// <c>edoc demo [--out DIR] [--clamd HOST:PORT] [--json]</c>: the whole story of an electronic document on embedded
/// defaults, with nothing configured. Exit 0 only when every verdict is positive.
/// </summary>
internal static class DemoCommands
{
    public const string DefaultOutput = "demo-out";

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = $"The folder to write the results into (default ./{DefaultOutput}); a previous demo's results there are replaced.", DefaultValueFactory = _ => DefaultOutput };
        var clamd = new Option<string?>("--clamd") { Description = "clamd's TCP address HOST:PORT (or EDOC_CLAMD). Without it, attachments are scanned only when a clamd answers on 127.0.0.1:3310." };
        var json = new Option<bool>("--json") { Description = "Print demo-result.json on standard output instead of the account." };
        var command = new Command(
            "demo",
            "Run the whole story on embedded defaults: development certificates, a Vietnamese draft (Quyết định) with an annex, urgency stamp, signer, number from the outgoing register, agency signature, signed annex, signed edXML through the in-process hub emulator, the recipient's checks, incoming register, status 01 and 03, both dossiers archived and verified. Exit 0 only when every verdict is positive.")
        {
            output, clamd, json,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(output) ?? DefaultOutput, parse.GetValue(clamd), parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string output, string? clamd, bool json, CancellationToken cancellationToken)
    {
        if (File.Exists(output))
        {
            return context.Fail(output, "exists and is a file, not a directory.");
        }

        var o = context.Out;
        if (!json)
        {
            o.WriteLine("edoc demo — an electronic document from draft to archive (NĐ 30/2020/NĐ-CP, QCVN 102:2016, TT 05/2025/TT-BNV)");
            o.WriteLine();
        }

        DemoResult result = await DemoStory.RunAsync(new DemoOptions(output, clamd, TimeProvider.System), line =>
        {
            if (!json)
            {
                o.WriteLine(line);
            }
        }, cancellationToken).ConfigureAwait(false);

        string resultPath = Path.Combine(result.OutputDirectory, "demo-result.json");
        result.AddFile("result", resultPath);
        string text = JsonSerializer.Serialize(
            new
            {
                ok = result.Ok,
                numbers = result.Numbers,
                checks = result.Checks,
                scanner = result.Scanner,
                notes = result.Notes,
                files = result.Files,
                elapsedSeconds = Math.Round(result.Elapsed.TotalSeconds, 1),
            },
            CliContext.JsonOptions);
        string temp = resultPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temp, text + "\n", cancellationToken).ConfigureAwait(false);
        File.Move(temp, resultPath, overwrite: true);

        if (json)
        {
            o.WriteLine(text);
        }
        else
        {
            WriteSummary(o, result);
        }

        return result.Ok ? CliApp.ExitOk : CliApp.ExitFailed;
    }

    /// <summary>A path relative to the current directory when it is below it, else the full path.</summary>
    private static string Shown(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static void WriteSummary(TextWriter o, DemoResult result)
    {
        o.WriteLine();
        o.WriteLine("Numbers");
        foreach (var (key, value) in result.Numbers)
        {
            o.WriteLine($"  {key,-16} {value}");
        }

        o.WriteLine($"Malware scan: {result.Scanner}");
        foreach (var note in result.Notes)
        {
            o.WriteLine($"Note: {note}");
        }

        o.WriteLine();
        o.WriteLine($"Files in {result.OutputDirectory}");
        foreach (var (role, path) in result.Files)
        {
            o.WriteLine($"  {role,-16} {Path.GetRelativePath(result.OutputDirectory, path)}");
        }

        o.WriteLine("  (work/ holds every intermediate PDF, the SQLite registers, outbox/inbox and hub databases.)");
        o.WriteLine($"  Check it yourself: edoc verify {Shown(result.Files.GetValueOrDefault("signedPdf", "signed.pdf"))} --trust {Shown(result.Files.GetValueOrDefault("ca", "ca.crt"))}");
        o.WriteLine();
        int failed = result.Checks.Count(c => !c.Ok);
        o.WriteLine(failed == 0
            ? $"Result: OK — all {result.Checks.Count} verdicts positive ({result.Elapsed.TotalSeconds:0.0} s)."
            : $"Result: FAILED — {failed} of {result.Checks.Count} verdicts negative: {string.Join("; ", result.Checks.Where(c => !c.Ok).Select(c => c.Step))}.");
    }
}
