using System.CommandLine;
using System.Security.Cryptography;
using EDoc.Signing;
using EDoc.Signing.Appearance;
using EDoc.Signing.Revocation;
using EDoc.Signing.Signers;
using EDoc.Signing.Timestamps;

namespace EDoc.Cli.Commands;

/// <summary>
/// <c>edoc sign IN OUT --cert PFX [--password P] [--field NAME] [--level B-B|B-T|B-LT|B-LTA] [--tsa URL] [--reason TEXT]
/// [--location TEXT] [--json] [--image IMG [--page N|last] [--rect x,y,w,h] [--unit pt|mm] [--anchor TEXT] [--text LINE]…
/// | --seal IMG [--seal-diameter-mm D]] [--keep-colors] [--certify]</c>: a PAdES signature as an incremental update,
/// written atomically; invisible unless --image (the signer, blue) or --seal (the agency, red, over the last signature).
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
        var image = new Option<string?>("--image") { Description = "Visible signature: the signer's handwritten-signature image (PNG/JPG), shown blue; needs --rect or --anchor." };
        var seal = new Option<string?>("--seal") { Description = "Visible agency signature: the seal image (PNG/JPG), shown red at its real size over the last signature on the page." };
        var sealDiameter = new Option<double>("--seal-diameter-mm") { Description = "The seal's real diameter in mm (default 36).", DefaultValueFactory = _ => AppearanceCommands.DefaultSealDiameterMm };
        var page = new Option<string?>("--page") { Description = "Page of the visible signature: a number or 'last' (default 1; for --seal: the page of the last signature)." };
        var rect = new Option<string?>("--rect") { Description = "x,y,w,h of the box on the page as the reader sees it (origin bottom-left); with --anchor: offset from the anchor's bottom-left corner and size." };
        var unit = AppearanceCommands.UnitOption();
        var anchor = new Option<string?>("--anchor") { Description = "Place the image next to this text (e.g. the signer's name): by default a 50×20 mm box just above it." };
        var keepColors = new Option<bool>("--keep-colors") { Description = "Keep the image's own colours and background (default: white removed, signature blue, seal red)." };
        var textLines = new Option<string[]>("--text") { Description = "A text line under the signature image (repeatable), e.g. --text \"Phó Chủ tịch\"." };
        var certify = new Option<bool>("--certify") { Description = "Certify (DocMDP P=2: later form fill-in and signatures allowed) — for the competent signer's first signature." };
        var command = new Command("sign", "Sign a PDF with a PAdES signature (ký số) as an incremental update; earlier signatures stay valid. Visible with --image or --seal.")
        {
            input, output, cert, password, field, level, tsa, reason, location, json, image, seal, sealDiameter, page, rect, unit, anchor, keepColors, textLines, certify,
        };
        command.SetAction(async (r, cancellationToken) =>
        {
            string levelText = r.GetValue(level) ?? "B-B";
            var settings = new SignSettings
            {
                Level = levelText switch
                {
                    "B-T" => PadesLevel.BaselineT,
                    "B-LT" => PadesLevel.BaselineLT,
                    "B-LTA" => PadesLevel.BaselineLTA,
                    _ => PadesLevel.BaselineB,
                },
                LevelName = levelText,
                Tsa = r.GetValue(tsa),
                Field = r.GetValue(field),
                Reason = r.GetValue(reason),
                Location = r.GetValue(location),
                Certification = r.GetValue(certify) ? PdfCertificationLevel.FormFillingAndSigning : null,
            };
            (settings.Appearance, settings.Placement) = await BuildVisibleAsync(
                r.GetValue(image), r.GetValue(seal), r.GetValue(sealDiameter), r.GetValue(page), r.GetValue(rect), r.GetValue(unit)!, r.GetValue(anchor), r.GetValue(keepColors), r.GetValue(textLines) ?? [], cancellationToken).ConfigureAwait(false);
            return await SignAsync(context, r.GetValue(input)!, r.GetValue(output)!, r.GetValue(cert)!, r.GetValue(password), r.GetValue(json), settings, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<(PdfSignatureAppearanceProvider? Appearance, SignaturePlacement? Placement)> BuildVisibleAsync(
        string? image, string? seal, double sealDiameter, string? pageText, string? rectText, string unitText, string? anchor, bool keepColors, string[] textLines, CancellationToken cancellationToken)
    {
        if (image is not null && seal is not null)
        {
            throw new CliUsageException("--image and --seal are exclusive: the signer and the agency sign separately.");
        }

        if (image is null && seal is null)
        {
            if (pageText is not null || rectText is not null || anchor is not null || textLines.Length > 0)
            {
                throw new CliUsageException("--page, --rect, --anchor and --text need --image or --seal.");
            }

            return (null, null);
        }

        if (!double.IsFinite(sealDiameter) || sealDiameter <= 0 || sealDiameter > 500)
        {
            throw new CliUsageException("--seal-diameter-mm must be in (0, 500].");
        }

        int? page = pageText is null ? null : AppearanceCommands.ParsePage(pageText);
        Unit unit = AppearanceCommands.ParseUnit(unitText);
        PageRectangle? rect = rectText is null ? null : AppearanceCommands.ParseRect("--rect", rectText, unit);
        SignaturePlacement? placement = anchor is not null
            ? SignaturePlacement.AtAnchor(anchor, rect, page)
            : rect is { } r ? SignaturePlacement.AtRectangle(r, page ?? 1) : null;
        if (seal is not null)
        {
            if (textLines.Length > 0)
            {
                throw new CliUsageException("--text goes with --image, not with --seal.");
            }

            SignatureImage sealImage = await AppearanceCommands.LoadImageAsync(seal, seal: true, keepColors, cancellationToken).ConfigureAwait(false);
            return (new SealSignatureAppearance(sealImage, sealDiameter), placement ?? SignaturePlacement.OverLastSignature(page));
        }

        if (placement is null)
        {
            throw new CliUsageException("--image needs --rect x,y,w,h or --anchor TEXT to know where the signature goes.");
        }

        SignatureImage signature = await AppearanceCommands.LoadImageAsync(image!, seal: false, keepColors, cancellationToken).ConfigureAwait(false);
        return (new ImageSignatureAppearance(signature) { TextLines = textLines }, placement);
    }

    /// <summary>Loads the key, signs IN into OUT atomically and prints the result (shared by sign, sign-attachment and issue).</summary>
    public static async Task<int> SignAsync(CliContext context, string input, string output, string cert, string? password, bool json, SignSettings s, CancellationToken cancellationToken)
    {
        Uri? tsaUri = null;
        if (s.Tsa is not null && (!Uri.TryCreate(s.Tsa, UriKind.Absolute, out tsaUri) || (tsaUri.Scheme != Uri.UriSchemeHttp && tsaUri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new CliUsageException($"--tsa '{s.Tsa}' is not an absolute http or https URL.");
        }

        if (s.Level >= PadesLevel.BaselineT && tsaUri is null)
        {
            throw new CliUsageException($"--level {s.LevelName} needs a timestamp authority: add --tsa URL.");
        }

        if (s.Field is not null && (s.Field.Length == 0 || s.Field.Contains('.', StringComparison.Ordinal)))
        {
            throw new CliUsageException($"--field '{s.Field}' must be non-empty and must not contain '.'.");
        }

        string shownInput = s.DisplayInput ?? input;
        if (string.Equals(Path.GetFullPath(shownInput), Path.GetFullPath(output), StringComparison.Ordinal))
        {
            throw new CliUsageException("IN and OUT must be different files: the input is never modified.");
        }

        if (!File.Exists(input))
        {
            return context.Fail(shownInput, "file not found.");
        }

        if (!File.Exists(cert))
        {
            return context.Fail(cert, "file not found.");
        }

        X509CertificateSigningKey key;
        try
        {
            key = LoadKey(cert, password);
        }
        catch (CryptographicException ex)
        {
            return context.Fail(cert, "cannot open the PKCS#12 file: " + ex.Message);
        }
        catch (EDocException ex)
        {
            return context.Fail(null, ex.Message);
        }

        string subject = key.Certificate.Subject;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        Rfc3161TimestampClient? tsaClient = tsaUri is null ? null : new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsaUri });
        RevocationDataCollector? revocation = s.Level >= PadesLevel.BaselineLT ? new RevocationDataCollector(http) : null;
        var signer = new PdfSigner(timestampClient: tsaClient, revocationCollector: revocation);
        var request = new PdfSignatureRequest
        {
            Key = key,
            Level = s.Level,
            FieldName = s.Field,
            Reason = s.Reason,
            Location = s.Location,
            Appearance = s.Appearance,
            Placement = s.Placement,
            Certification = s.Certification,
        };
        PdfSigningResult result;
        try
        {
            result = await signer.SignFileAsync(input, output, request, cancellationToken).ConfigureAwait(false);
        }
        catch (EDocException ex)
        {
            return context.Fail(shownInput, ex.Message);
        }
        finally
        {
            key.Certificate.Dispose();
        }

        string outputPath = Path.GetFullPath(output);
        string visible = s.Appearance switch
        {
            SealSignatureAppearance => "seal",
            ImageSignatureAppearance => "image",
            TextBlockSignatureAppearance => "text-block",
            _ => "invisible",
        };
        if (json)
        {
            context.WriteJson(new
            {
                input = Path.GetFullPath(shownInput),
                output = outputPath,
                field = result.FieldName,
                level = s.LevelName,
                signer = subject,
                signingTime = result.SigningTime,
                appearance = visible,
                certification = s.Certification is null ? null : "P=2",
                note = s.Note,
                inputSize = result.SourceLength,
                outputSize = result.OutputLength,
                cmsSize = result.CmsSize,
                contentsCapacity = result.ContentsCapacity,
            });
        }
        else
        {
            string note = s.Note is null ? string.Empty : "; " + s.Note;
            context.Out.WriteLine($"{outputPath}: signed field {result.FieldName} ({s.LevelName}, {visible}) by {subject}{note}; {result.SourceLength} → {result.OutputLength} bytes.");
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

    /// <summary>What one signature looks like and where it goes.</summary>
    internal sealed class SignSettings
    {
        public PadesLevel Level { get; init; } = PadesLevel.BaselineB;

        public string LevelName { get; init; } = "B-B";

        public string? Tsa { get; init; }

        public string? Field { get; init; }

        public string? Reason { get; init; }

        public string? Location { get; init; }

        public PdfCertificationLevel? Certification { get; init; }

        public PdfSignatureAppearanceProvider? Appearance { get; set; }

        public SignaturePlacement? Placement { get; set; }

        /// <summary>The file named in messages when IN is an intermediate file.</summary>
        public string? DisplayInput { get; init; }

        public string? Note { get; init; }
    }
}
