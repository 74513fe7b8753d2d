using System.CommandLine;
using EDoc.Cli.Commands;
using EDoc.Samples.Workflow;

namespace EDoc.Cli;

/// <summary>
/// The <c>edoc</c> command line. Exit codes: 0 success or valid, 1 the check failed or the input is invalid,
/// 2 usage error. <c>--json</c> prints one JSON document on standard output; errors go to standard error and name
/// the file and the problem.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code: success, or the input is valid.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code: the check failed or the input is invalid.</summary>
    public const int ExitFailed = 1;

    /// <summary>Exit code: the command line is wrong.</summary>
    public const int ExitUsage = 2;

    /// <summary>Builds the root command with every verb.</summary>
    /// <param name="context">Where commands write.</param>
    /// <returns>The root command.</returns>
    public static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "edoc — sign, verify, exchange, register and archive Vietnamese electronic documents (văn bản điện tử).");
        foreach (var command in CommandCatalog.Create(context))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        // One PDFsharp font resolver for every verb (PDFsharp allows one per process); fonts load on first use.
        PdfSharpFonts.EnsureRegistered();
        var context = new CliContext(stdout, stderr);
        var root = BuildRootCommand(context);
        var parseResult = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await stderr.WriteLineAsync($"edoc: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'edoc --help' for usage.").ConfigureAwait(false);
            return ExitUsage;
        }

        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            await stderr.WriteLineAsync($"edoc: {ex.Message}").ConfigureAwait(false);
            return ExitUsage;
        }
        catch (EDocException ex)
        {
            await stderr.WriteLineAsync($"edoc: {ex.Message}").ConfigureAwait(false);
            return ExitFailed;
        }
        catch (IOException ex)
        {
            await stderr.WriteLineAsync($"edoc: {ex.Message}").ConfigureAwait(false);
            return ExitFailed;
        }
        catch (UnauthorizedAccessException ex)
        {
            await stderr.WriteLineAsync($"edoc: {ex.Message}").ConfigureAwait(false);
            return ExitFailed;
        }
    }
}
