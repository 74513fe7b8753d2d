using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Status;
using EDoc.Time;
using EDoc.Validation;

namespace EDoc.Cli.Commands;

/// <summary><c>edoc edxml pack|inspect|validate|extract|status</c>: edXML (QCVN 102:2016) packages.</summary>
internal static class EdXmlCommands
{
    public static Command Create(CliContext context)
    {
        var edxml = new Command("edxml", "edXML packages (QCVN 102:2016): pack, inspect, validate, extract, reply with a status.");
        edxml.Subcommands.Add(Pack(context));
        edxml.Subcommands.Add(Inspect(context));
        edxml.Subcommands.Add(Validate(context));
        edxml.Subcommands.Add(Extract(context));
        edxml.Subcommands.Add(Status(context));
        return edxml;
    }

    private static Command Pack(CliContext context)
    {
        var header = new Option<string>("--header") { Description = "The MessageHeader as JSON (see docs/edxml-header-json.md).", Required = true };
        var attach = new Option<string[]>("--attach") { Description = "Files to attach (repeat the option or list several).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output", "-o") { Description = "The .edxml file to write.", Required = true };
        var sign = new Option<string?>("--sign") { Description = "A PKCS#12 (.pfx) file with the signer's certificate and RSA key." };
        var password = new Option<string?>("--password") { Description = "The password of the .pfx file." };
        var command = new Command("pack", "Build an edoc package from a MessageHeader JSON and attachments.") { header, attach, output, sign, password };
        command.SetAction(async (parse, ct) =>
        {
            var headerPath = parse.GetValue(header)!;
            var outputPath = parse.GetValue(output)!;
            var signPath = parse.GetValue(sign);
            if (signPath is null && parse.GetValue(password) is not null)
            {
                throw new CliUsageException("--password needs --sign.");
            }

            if (!File.Exists(headerPath))
            {
                return context.Fail(headerPath, "file not found.");
            }

            EdXmlMessageHeader messageHeader;
            try
            {
                messageHeader = EdXmlJson.DeserializeMessageHeader(await File.ReadAllTextAsync(headerPath, ct));
            }
            catch (EdXmlFormatException ex)
            {
                return context.Fail(headerPath, ex.Message);
            }

            var now = VietnamTime.Now(TimeProvider.System);
            var package = new EdocPackage
            {
                MessageHeader = messageHeader,
                TraceHeaderList = new EdXmlTraceHeaderList
                {
                    TraceHeaders = { new EdXmlTraceHeader { OrganId = messageHeader.From?.OrganId, Timestamp = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Unspecified) } },
                    Business = new EdXmlBusiness { BusinessDocType = EdXmlBusinessDocType.New, BusinessDocReason = "Văn bản điện tử mới", Paper = 0 },
                },
            };
            var index = 0;
            foreach (var file in parse.GetValue(attach) ?? [])
            {
                if (!File.Exists(file))
                {
                    return context.Fail(file, "attachment not found.");
                }

                package.AddAttachment(EdXmlAttachment.FromFile(file, contentId: $"att{++index}"));
            }

            // ValidateAsync reads each attachment's content: the article 11 format policy (an .exe renamed .pdf is refused).
            var result = await new EdXmlValidator().ValidateAsync(package, ct);
            WriteProblems(context.Error, headerPath, result.Problems);
            if (!result.IsValid)
            {
                return context.Fail(headerPath, $"the package is invalid ({result.Errors.Count()} error(s)); nothing written.");
            }

            X509Certificate2? certificate = null;
            if (signPath is not null)
            {
                if (!File.Exists(signPath))
                {
                    return context.Fail(signPath, "file not found.");
                }

                try
                {
                    certificate = X509CertificateLoader.LoadPkcs12FromFile(signPath, parse.GetValue(password), X509KeyStorageFlags.EphemeralKeySet);
                }
                catch (CryptographicException)
                {
                    return context.Fail(signPath, "cannot open the PKCS#12 file (wrong password or not a .pfx).");
                }
            }

            using (certificate)
            {
                var writer = new EdXmlWriter();
                if (certificate is null)
                {
                    try
                    {
                        await writer.WriteToFileAsync(package, outputPath, ct);
                    }
                    catch (ArgumentException ex)
                    {
                        return context.Fail(headerPath, ex.Message);
                    }
                    catch (EDocPolicyException ex)
                    {
                        return context.Fail(headerPath, ex.Message);
                    }
                }
                else
                {
                    var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputPath))!, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.unsigned");
                    try
                    {
                        await writer.WriteToFileAsync(package, temp, ct);
                        await new EdXmlSigner().SignFileAsync(temp, outputPath, certificate, ct);
                    }
                    catch (ArgumentException ex)
                    {
                        return context.Fail(ex.ParamName == "certificate" ? signPath : headerPath, ex.Message);
                    }
                    catch (EDocPolicyException ex)
                    {
                        return context.Fail(headerPath, ex.Message);
                    }
                    finally
                    {
                        File.Delete(temp);
                    }
                }
            }

            await context.Out.WriteLineAsync($"{outputPath}: edoc package written ({package.Attachments.Count} attachment(s){(certificate is null ? string.Empty : ", signed")}).");
            return CliApp.ExitOk;
        });
        return command;
    }

    private static Command Inspect(CliContext context)
    {
        var input = new Argument<string>("IN") { Description = "The .edxml package." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document." };
        var command = new Command("inspect", "Show the header, attachments and signature of a package (attachments are streamed, not kept).") { input, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input)!;
            if (!File.Exists(path))
            {
                return context.Fail(path, "file not found.");
            }

            var package = await new EdXmlReader().ReadFileAsync(path, null, ct);
            var signature = await VerifySignatureAsync(path, package, ct);
            if (parse.GetValue(json))
            {
                context.WriteJson(Describe(path, package, signature));
                return CliApp.ExitOk;
            }

            var o = context.Out;
            switch (package)
            {
                case EdocPackage edoc:
                    var h = edoc.MessageHeader;
                    await o.WriteLineAsync($"{path}: edoc package");
                    await o.WriteLineAsync($"  From:        {h.From?.OrganId} {h.From?.OrganName}");
                    foreach (var to in h.To)
                    {
                        await o.WriteLineAsync($"  To:          {to.OrganId} {to.OrganName}");
                    }

                    await o.WriteLineAsync($"  DocumentId:  {h.DocumentId}");
                    await o.WriteLineAsync($"  Code:        {h.Code?.CodeNumber}/{h.Code?.CodeNotation}");
                    await o.WriteLineAsync($"  Issued:      {h.PromulgationInfo?.Place} {h.PromulgationInfo?.PromulgationDate:yyyy-MM-dd}");
                    await o.WriteLineAsync($"  Type:        {h.DocumentType?.Type} {h.DocumentType?.TypeName}");
                    await o.WriteLineAsync($"  Subject:     {h.Subject}");
                    await o.WriteLineAsync($"  Priority:    {h.OtherInfo?.Priority} {(h.OtherInfo?.Priority is { } p ? EdXmlPriority.GetLabel(p) : null)}");
                    await o.WriteLineAsync($"  Business:    {edoc.TraceHeaderList?.Business?.BusinessDocType}");
                    foreach (var a in edoc.Attachments)
                    {
                        await o.WriteLineAsync($"  Attachment:  {a.AttachmentName} ({a.ContentType}, {a.Length} bytes{(a.IsZipped ? ", zipped" : string.Empty)}) cid:{a.ContentId}");
                    }

                    break;
                case StatusPackage status:
                    var s = status.Status;
                    await o.WriteLineAsync($"{path}: status package");
                    await o.WriteLineAsync($"  StatusCode:  {(s.StatusCode is { } c ? EdXmlStatusCodes.ToWire(c) + " " + EdXmlStatusCodes.GetDescriptionVi(c) : null)}");
                    await o.WriteLineAsync($"  From:        {s.From?.OrganId} {s.From?.OrganName}");
                    await o.WriteLineAsync($"  For:         {s.ResponseFor?.DocumentId} ({s.ResponseFor?.Code})");
                    await o.WriteLineAsync($"  Description: {s.Description}");
                    await o.WriteLineAsync($"  Timestamp:   {s.Timestamp:yyyy-MM-dd HH:mm:ss}");
                    break;
            }

            await o.WriteLineAsync($"  Signature:   {signature.Status}{(signature.Subject is null ? string.Empty : " — " + signature.Subject)}");
            foreach (var problem in package.ReadProblems)
            {
                await o.WriteLineAsync($"  {problem.Severity.ToString().ToUpperInvariant()} {problem.Path}: {problem.Message} [{problem.Code}]");
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static Command Validate(CliContext context)
    {
        var input = new Argument<string>("IN") { Description = "The .edxml package." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document." };
        var command = new Command("validate", "Validate a package: structure, lengths, codes, dates, manifest, attachment formats (NĐ 30/2020 art. 11), signature. Exit 0 valid, 1 invalid.") { input, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input)!;
            if (!File.Exists(path))
            {
                return context.Fail(path, "file not found.");
            }

            // Attachments go to temporary files so that their content is checked (article 11 formats) in flat memory.
            await using var sink = new EdXmlTempFileAttachmentSink();
            var package = await new EdXmlReader().ReadFileAsync(path, sink, ct);
            var problems = new ValidationProblemCollector();
            // PageAmount is checked against the real page count of the PDFs (NĐ 30/2020 art. 8.2) with EDoc.Signing's reader.
            var pageCounter = new PdfInspectorPageCounter(new EDoc.Signing.Verification.PdfDocumentInspector(new EDoc.Signing.Verification.PdfSignatureVerifier()));
            problems.AddRange((await new EdXmlValidator(new EdXmlValidatorOptions { PdfPageCounter = pageCounter }).ValidateAsync(package, ct)).Problems);
            var signature = await VerifySignatureAsync(path, package, ct);
            if (signature.Status == "invalid")
            {
                problems.Error("edXMLHeader.Signature", "signature.invalid", "The XML signature does not match the package.", "Chữ ký số không khớp với gói tin.");
            }
            else if (signature.Status == "rejected")
            {
                problems.Error("edXMLHeader.Signature", "signature.rejected", signature.Error ?? "The signature is not acceptable.", "Chữ ký số không hợp lệ về cấu trúc.");
            }

            foreach (var warning in signature.Warnings)
            {
                problems.Warning("edXMLHeader.Signature", "signature.warning", warning, warning);
            }

            var result = problems.ToResult();
            if (parse.GetValue(json))
            {
                context.WriteJson(new { file = path, valid = result.IsValid, problems = result.Problems });
            }
            else
            {
                WriteProblems(context.Out, path, result.Problems);
                await context.Out.WriteLineAsync(result.IsValid
                    ? $"{path}: valid ({result.Warnings.Count()} warning(s))."
                    : $"{path}: invalid ({result.Errors.Count()} error(s), {result.Warnings.Count()} warning(s)).");
            }

            return result.IsValid ? CliApp.ExitOk : CliApp.ExitFailed;
        });
        return command;
    }

    private static Command Extract(CliContext context)
    {
        var input = new Argument<string>("IN") { Description = "The .edxml package." };
        var output = new Option<string>("--out") { Description = "The directory to write the attachments to.", Required = true };
        var sanitize = new Option<bool>("--sanitize-names") { Description = "Keep the last segment of path-like names instead of refusing them." };
        var noUnzip = new Option<bool>("--no-unzip") { Description = "Keep zipped attachments as they are." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document." };
        var command = new Command("extract", "Write the attachments of a package to a directory, with safe names; zipped attachments are unzipped within zip-bomb limits.") { input, output, sanitize, noUnzip, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input)!;
            if (!File.Exists(path))
            {
                return context.Fail(path, "file not found.");
            }

            var extractor = new EdXmlExtractor(new EdXmlExtractionOptions
            {
                UnsafeNames = parse.GetValue(sanitize) ? EdXmlUnsafeNamePolicy.Sanitize : EdXmlUnsafeNamePolicy.Reject,
                UnzipAttachments = !parse.GetValue(noUnzip),
            });
            var result = await extractor.ExtractFileAsync(path, parse.GetValue(output)!, ct);
            if (parse.GetValue(json))
            {
                context.WriteJson(new { file = path, files = result.Files });
            }
            else
            {
                foreach (var file in result.Files)
                {
                    await context.Out.WriteLineAsync($"{file.Path} ({file.Length} bytes)");
                }

                await context.Out.WriteLineAsync($"{path}: {result.Files.Count} file(s) extracted.");
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static Command Status(CliContext context)
    {
        var forOption = new Option<string>("--for") { Description = "The received edoc package the status answers.", Required = true };
        var code = new Option<string>("--code") { Description = "The status code: 01, 02, 03, 04, 05, 06, 13, 15 or 16.", Required = true };
        var from = new Option<string>("--from") { Description = "The reporting agency's code (mã định danh).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The status .edxml file to write.", Required = true };
        var description = new Option<string?>("--description") { Description = "The description; the code's meaning by default." };
        var organName = new Option<string?>("--from-name") { Description = "The reporting agency's name." };
        var command = new Command("status", "Build the status package (gói tin trạng thái) that answers a received document.") { forOption, code, from, output, description, organName };
        command.SetAction(async (parse, ct) =>
        {
            if (!EdXmlStatusCodes.TryParse(parse.GetValue(code), out var statusCode) || !EdXmlStatusCodes.IsKnown(statusCode))
            {
                throw new CliUsageException($"--code '{parse.GetValue(code)}' is not one of 01, 02, 03, 04, 05, 06, 13, 15, 16.");
            }

            var agency = parse.GetValue(from)!.Trim();
            if (agency.Length == 0)
            {
                throw new CliUsageException("--from must not be empty.");
            }

            if (!EdXmlValidator.IsWellFormedAgencyCode(agency))
            {
                await context.Error.WriteLineAsync($"edoc: warning: '{agency}' does not have the agency-code form NNN.NN.NN.Xnn.");
            }

            var inputPath = parse.GetValue(forOption)!;
            if (!File.Exists(inputPath))
            {
                return context.Fail(inputPath, "file not found.");
            }

            if (await new EdXmlReader().ReadFileAsync(inputPath, null, ct) is not EdocPackage received)
            {
                return context.Fail(inputPath, "this is a status package, not a document; a status answers a document.");
            }

            var status = StatusPackageFactory.CreateFor(
                received,
                statusCode,
                new EdXmlOrganization { OrganId = agency, OrganName = parse.GetValue(organName) },
                TimeProvider.System,
                parse.GetValue(description));
            var result = new EdXmlValidator().Validate(status);
            WriteProblems(context.Error, inputPath, result.Problems);
            if (!result.IsValid)
            {
                return context.Fail(inputPath, "the status would be invalid (the document lacks what a status must quote); nothing written.");
            }

            var outputPath = parse.GetValue(output)!;
            await new EdXmlWriter().WriteToFileAsync(status, outputPath, ct);
            await context.Out.WriteLineAsync($"{outputPath}: status {EdXmlStatusCodes.ToWire(statusCode)} ({EdXmlStatusCodes.GetDescriptionVi(statusCode)}) for {received.MessageHeader.DocumentId}.");
            return CliApp.ExitOk;
        });
        return command;
    }

    private static void WriteProblems(TextWriter writer, string file, IEnumerable<ValidationProblem> problems)
    {
        foreach (var p in problems)
        {
            writer.WriteLine($"{file}: {(p.Severity == ValidationSeverity.Error ? "error" : "warning")} {p.Path}: {p.Message} [{p.Code}]");
        }
    }

    private static async Task<SignatureSummary> VerifySignatureAsync(string path, EdXmlPackage package, CancellationToken ct)
    {
        if (package.Signature is null)
        {
            return new SignatureSummary("not-signed", null, null, [], null);
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var result = await new EdXmlSignatureVerifier().VerifyAsync(stream, ct);
            using var certificate = result.Certificate;
            return new SignatureSummary(
                result.Status == EdXmlSignatureStatus.Valid ? "valid" : result.Status == EdXmlSignatureStatus.Invalid ? "invalid" : "not-signed",
                certificate?.Subject,
                result.SignatureMethod,
                result.Warnings,
                null);
        }
        catch (EdXmlSignatureException ex)
        {
            return new SignatureSummary("rejected", null, null, [], ex.Message);
        }
        catch (EDocLimitExceededException ex)
        {
            return new SignatureSummary("not-verified", null, null, [ex.Message], null);
        }
    }

    private static object Describe(string path, EdXmlPackage package, SignatureSummary signature) => package switch
    {
        EdocPackage edoc => new
        {
            file = path,
            kind = "edoc",
            messageHeader = edoc.MessageHeader,
            traceHeaderList = edoc.TraceHeaderList,
            attachments = edoc.Attachments.Select(a => new { a.ContentId, a.AttachmentName, a.ContentType, a.Description, a.Length, a.IsZipped }),
            signature,
            readProblems = edoc.ReadProblems,
        },
        StatusPackage status => new
        {
            file = path,
            kind = "status",
            status = status.Status,
            statusCode = status.Status.StatusCode is { } c ? EdXmlStatusCodes.ToWire(c) : null,
            statusMeaning = status.Status.StatusCode is { } m ? EdXmlStatusCodes.GetDescriptionVi(m) : null,
            traceHeaderList = status.TraceHeaderList,
            signature,
            readProblems = status.ReadProblems,
        },
        _ => new { file = path, kind = "unknown" },
    };

    private sealed record SignatureSummary(string Status, string? Subject, string? SignatureMethod, IReadOnlyList<string> Warnings, string? Error);
}
