using System.CommandLine;
using System.Security.Cryptography;
using EDoc.Signing;
using EDoc.Signing.Revocation;
using EDoc.Signing.Signers;
using EDoc.Signing.Timestamps;

namespace EDoc.Cli.Commands;

/// <summary>
/// <c>edoc sign IN OUT --cert PFX [--password P] [--field NAME] [--level B-B|B-T|B-LT|B-LTA] [--tsa URL] [--reason TEXT]
/// [--location TEXT] [--json]</c>: an invisible PAdES signature as an incremental update, written atomically.
/// </summary>
internal static class SignCommands
{
    private static readonly string[] Levels = ["B-B", "B-T", "B-LT", "B-LTA"];

    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("IN") { Description = "The PDF to sign (never modified)." };
        var output = new Argument<string>("OUT") { Description = "The signed PDF to write (atomically; replaced if it exists)." };
        var cert = new Option<string>("--cert") { Description = "PKCS#12 (.pfx) file with the signer's certificate and private key.", Required = true };
        var password = new Option<string?>("--password") { Description = $"Password of the PFX (default: none, then the development default '{DevCertsCommands.DefaultPassword}')." };
        var field = new Option<string?>("--field") { Description = "Signature field name (default: a new unique SignatureN; an existing empty signature field of that name is signed)." };
        var level = new Option<string>("--level") { Description = "PAdES level: B-B (default), B-T, B-LT or B-LTA. B-T and above need --tsa.", DefaultValueFactory = _ => "B-B" };
        level.AcceptOnlyFromAmong(Levels);
        var tsa = new Option<string?>("--tsa") { Description = "RFC 3161 timestamp authority URL (required for B-T, B-LT, B-LTA)." };
        var reason = new Option<string?>("--reason") { Description = "Reason for signing (lý do ký)." };
        var location = new Option<string?>("--location") { Description = "Place of signing (nơi ký)." };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON document." };
        var command = new Command("sign", "Sign a PDF with a PAdES signature (ký số) as an incremental update; earlier signatures stay valid.")
        {
            input, output, cert, password, field, level, tsa, reason, location, json,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            new SignArguments(
                parseResult.GetValue(input)!,
                parseResult.GetValue(output)!,
                parseResult.GetValue(cert)!,
                parseResult.GetValue(password),
                parseResult.GetValue(field),
                parseResult.GetValue(level) ?? "B-B",
                parseResult.GetValue(tsa),
                parseResult.GetValue(reason),
                parseResult.GetValue(location),
                parseResult.GetValue(json)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, SignArguments a, CancellationToken cancellationToken)
    {
        PadesLevel level = a.Level switch
        {
            "B-T" => PadesLevel.BaselineT,
            "B-LT" => PadesLevel.BaselineLT,
            "B-LTA" => PadesLevel.BaselineLTA,
            _ => PadesLevel.BaselineB,
        };
        Uri? tsaUri = null;
        if (a.Tsa is not null && (!Uri.TryCreate(a.Tsa, UriKind.Absolute, out tsaUri) || (tsaUri.Scheme != Uri.UriSchemeHttp && tsaUri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new CliUsageException($"--tsa '{a.Tsa}' is not an absolute http or https URL.");
        }

        if (level >= PadesLevel.BaselineT && tsaUri is null)
        {
            throw new CliUsageException($"--level {a.Level} needs a timestamp authority: add --tsa URL.");
        }

        if (a.Field is not null && (a.Field.Length == 0 || a.Field.Contains('.', StringComparison.Ordinal)))
        {
            throw new CliUsageException($"--field '{a.Field}' must be non-empty and must not contain '.'.");
        }

        if (string.Equals(Path.GetFullPath(a.Input), Path.GetFullPath(a.Output), StringComparison.Ordinal))
        {
            throw new CliUsageException("IN and OUT must be different files: the input is never modified.");
        }

        if (!File.Exists(a.Input))
        {
            return context.Fail(a.Input, "file not found.");
        }

        if (!File.Exists(a.Cert))
        {
            return context.Fail(a.Cert, "file not found.");
        }

        X509CertificateSigningKey key;
        try
        {
            key = LoadKey(a.Cert, a.Password);
        }
        catch (CryptographicException ex)
        {
            return context.Fail(a.Cert, "cannot open the PKCS#12 file: " + ex.Message);
        }
        catch (EDocException ex)
        {
            return context.Fail(null, ex.Message);
        }

        string subject = key.Certificate.Subject;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        Rfc3161TimestampClient? tsaClient = tsaUri is null ? null : new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsaUri });
        RevocationDataCollector? revocation = level >= PadesLevel.BaselineLT ? new RevocationDataCollector(http) : null;
        var signer = new PdfSigner(timestampClient: tsaClient, revocationCollector: revocation);
        var request = new PdfSignatureRequest { Key = key, Level = level, FieldName = a.Field, Reason = a.Reason, Location = a.Location };
        PdfSigningResult result;
        try
        {
            result = await signer.SignFileAsync(a.Input, a.Output, request, cancellationToken).ConfigureAwait(false);
        }
        catch (EDocException ex)
        {
            return context.Fail(a.Input, ex.Message);
        }
        finally
        {
            key.Certificate.Dispose();
        }

        string outputPath = Path.GetFullPath(a.Output);
        if (a.Json)
        {
            context.WriteJson(new
            {
                input = Path.GetFullPath(a.Input),
                output = outputPath,
                field = result.FieldName,
                level = a.Level,
                signer = subject,
                signingTime = result.SigningTime,
                inputSize = result.SourceLength,
                outputSize = result.OutputLength,
                cmsSize = result.CmsSize,
                contentsCapacity = result.ContentsCapacity,
            });
        }
        else
        {
            context.Out.WriteLine($"{outputPath}: signed field {result.FieldName} ({a.Level}) by {subject}; {result.SourceLength} → {result.OutputLength} bytes.");
        }

        return CliApp.ExitOk;
    }

    private static X509CertificateSigningKey LoadKey(string path, string? password)
    {
        if (password is not null)
        {
            return X509CertificateSigningKey.FromPkcs12File(path, password);
        }

        try
        {
            return X509CertificateSigningKey.FromPkcs12File(path, null);
        }
        catch (SigningException ex) when (ex.InnerException is CryptographicException)
        {
            return X509CertificateSigningKey.FromPkcs12File(path, DevCertsCommands.DefaultPassword);
        }
    }

    private sealed record SignArguments(string Input, string Output, string Cert, string? Password, string? Field, string Level, string? Tsa, string? Reason, string? Location, bool Json);
}
