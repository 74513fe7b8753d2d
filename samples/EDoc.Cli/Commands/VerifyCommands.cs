using System.CommandLine;
using System.Security.Cryptography;
using EDoc.Signing.Revocation;
using EDoc.Signing.Verification;
using EDoc.Validation;

namespace EDoc.Cli.Commands;

/// <summary>
/// <c>edoc verify IN [--trust PEM]... [--json] [--online] [--require-revocation]</c>: verifies every signature of a PDF.
/// Exit 0 only when the PDF is signed and every signature is intact, trusted and followed only by allowed changes.
/// </summary>
internal static class VerifyCommands
{
    public static Command Create(CliContext context)
    {
        var inputArgument = new Argument<string>("IN") { Description = "The PDF to verify." };
        var trustOption = new Option<string[]>("--trust") { Description = "A PEM file of trusted root certificates (repeatable).", AllowMultipleArgumentsPerToken = false };
        var jsonOption = new Option<bool>("--json") { Description = "Print the per-signature report as one JSON document." };
        var onlineOption = new Option<bool>("--online") { Description = "Fetch OCSP/CRL over HTTP when the document's DSS has no revocation data." };
        var requireRevocationOption = new Option<bool>("--require-revocation") { Description = "Treat a signature without revocation evidence as not validated (exit 1)." };
        var command = new Command("verify", "Verify the signatures of a PDF (kiểm tra chữ ký số): integrity, trust, revocation, changes after signing, PAdES level.")
        {
            inputArgument,
            trustOption,
            jsonOption,
            onlineOption,
            requireRevocationOption,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            parseResult.GetValue(inputArgument)!,
            parseResult.GetValue(trustOption) ?? [],
            parseResult.GetValue(jsonOption),
            parseResult.GetValue(onlineOption),
            parseResult.GetValue(requireRevocationOption),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string input, string[] trust, bool json, bool online, bool requireRevocation, CancellationToken cancellationToken)
    {
        var options = new PdfVerificationOptions
        {
            RevocationMode = online ? RevocationMode.OnlineIfMissing : RevocationMode.Offline,
            RequireRevocationInformation = requireRevocation,
        };
        foreach (var pem in trust)
        {
            try
            {
                options.AddTrustAnchorsFromPemFile(pem);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                return context.Fail(pem, "cannot read trusted certificates: " + ex.Message);
            }
        }

        if (!File.Exists(input))
        {
            return context.Fail(input, "file not found.");
        }

        using var http = online ? new HttpClient { Timeout = TimeSpan.FromSeconds(30) } : null;
        var verifier = new PdfSignatureVerifier(options, http);
        PdfVerificationReport report;
        try
        {
            report = await verifier.VerifyFileAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is EDocException or IOException or UnauthorizedAccessException)
        {
            return context.Fail(input, "cannot read the PDF: " + ex.Message);
        }

        if (json)
        {
            context.Out.WriteLine(report.ToJson());
        }
        else
        {
            WriteHuman(context.Out, input, report);
        }

        if (!report.IsValid)
        {
            context.Error.WriteLine($"edoc: {input}: {Reasons(report)}");
            return CliApp.ExitFailed;
        }

        return CliApp.ExitOk;
    }

    private static string Reasons(PdfVerificationReport report)
    {
        if (report.Signatures.Count == 0)
        {
            return "no signature.";
        }

        return string.Join(
            " ",
            report.Signatures.Where(s => s.Status != PdfVerificationStatus.Valid).Select(s => s.Message));
    }

    private static void WriteHuman(TextWriter o, string input, PdfVerificationReport report)
    {
        o.WriteLine($"{input}: {report.PageCount} page(s), {report.Signatures.Count} signature(s), {report.RevisionCount} revision(s){(report.HasDss ? ", DSS present" : string.Empty)}");
        int n = 0;
        foreach (var s in report.Signatures)
        {
            n++;
            o.WriteLine();
            o.WriteLine($"Signature #{n}: {s.FieldName} ({s.Kind}, {s.SubFilter})");
            o.WriteLine($"  Verdict:        {s.Status.ToString().ToUpperInvariant()}  {s.Message}");
            o.WriteLine($"  Kết quả:        {s.MessageVi}");
            o.WriteLine($"  Signer:         {s.SignerSubject ?? "(unknown)"}");
            if (s.Signer is { Identifiers.Count: > 0 } id)
            {
                o.WriteLine($"  Identifiers:    {string.Join(", ", id.Identifiers)}");
            }

            if (s.SigningTime is { } m)
            {
                o.WriteLine($"  Signing time:   {m:yyyy-MM-dd HH:mm:ss zzz} (/M, claimed)");
            }

            if (s.TimestampTime is { } t)
            {
                o.WriteLine($"  Timestamp:      {t:yyyy-MM-dd HH:mm:ss zzz}");
            }

            o.WriteLine($"  Integrity:      {(s.IsIntegrityValid ? "intact" : "BROKEN")} ({s.DigestAlgorithm}, {s.SignatureAlgorithm})");
            o.WriteLine($"  Trust:          {s.Trust}{(s.Chain.Count > 1 ? " via " + string.Join(" <- ", s.Chain.Skip(1)) : string.Empty)}");
            o.WriteLine($"  Revocation:     {(s.RevocationStatus?.ToString() ?? "not checked")}{(s.RevocationSource is { } src ? $" ({src}{(s.UsesDss ? ", from DSS" : string.Empty)})" : string.Empty)}");
            o.WriteLine($"  Coverage:       revision {s.CoveredRevision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}{(s.CoversWholeDocument ? ", whole document" : string.Empty)}; changes after: {s.ChangesAfter}{(s.ChangesAllowed ? " (allowed)" : " (NOT allowed)")}");
            if (s.DocMdpPermissions is { } p)
            {
                o.WriteLine($"  DocMDP:         P={p}");
            }

            if (s.PadesLevelName is { } level)
            {
                o.WriteLine($"  PAdES level:    {level}");
            }

            foreach (ValidationProblem problem in s.Problems)
            {
                o.WriteLine($"  {(problem.Severity == ValidationSeverity.Error ? "error" : "warning")}: [{problem.Code}] {problem.Message}");
            }
        }

        o.WriteLine();
        o.WriteLine($"Result: {report.Status.ToString().ToUpperInvariant()}  {report.Message}");
        o.WriteLine($"Kết luận: {report.MessageVi}");
    }
}
