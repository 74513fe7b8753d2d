using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using EDoc.Archive.Evidence;
using EDoc.Archive.Export;
using EDoc.Archive.Metadata;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;
using EDoc.Signing.Verification;
using EDoc.Validation;

namespace EDoc.Cli.Commands;

/// <summary><c>edoc archive pack|verify|export</c>: TT 05/2025 (E-ARK CSIP) archival packages of dossiers.</summary>
internal static class ArchiveCommands
{
    public static Command Create(CliContext context)
    {
        var archive = new Command("archive", "Archival packages (SIP/AIP, Thông tư 05/2025/TT-BNV on E-ARK CSIP): pack, verify, export.");
        archive.Subcommands.Add(Pack(context));
        archive.Subcommands.Add(Verify(context));
        archive.Subcommands.Add(Export(context));
        return archive;
    }

    private static Command Pack(CliContext context)
    {
        var dossier = new Option<FileInfo>("--dossier") { Description = "DOSSIER.json: the dossier and document metadata (see docs/archive-dossier-json.md).", Required = true };
        var files = new Option<DirectoryInfo>("--files") { Description = "The folder holding the documents' files.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "OUT.zip (a ZIP) or OUTDIR (the package folder is created inside).", Required = true };
        var kind = new Option<string>("--kind") { Description = "sip (default) or aip.", DefaultValueFactory = _ => "sip" };
        kind.AcceptOnlyFromAmong("sip", "aip");
        var bagit = new Option<bool>("--bagit") { Description = "Wrap the package in a BagIt bag (RFC 8493, SHA-512)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var trust = new Option<string[]>("--trust") { Description = "PEM file(s) of trusted CA certificates for the signature evidence of PDF documents.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("pack", "Pack a dossier into a SIP or AIP (ZIP or folder).") { dossier, files, output, kind, bagit, json, trust };
        command.SetAction(async (parse, ct) =>
        {
            var dossierFile = parse.GetValue(dossier)!;
            var filesDir = parse.GetValue(files)!;
            if (!dossierFile.Exists)
            {
                return context.Fail(dossierFile.FullName, "the dossier file does not exist.");
            }

            if (!filesDir.Exists)
            {
                return context.Fail(filesDir.FullName, "the files folder does not exist.");
            }

            DossierJson spec;
            try
            {
                spec = await DossierJson.LoadAsync(dossierFile.FullName, filesDir.FullName, ct);
            }
            catch (JsonException ex)
            {
                return context.Fail(dossierFile.FullName, $"invalid dossier JSON{(ex.Path is null ? string.Empty : " at " + ex.Path)}: {ex.Message}");
            }

            var missing = spec.Content.Documents.Select(d => d.FileName).Where(n => spec.MissingFiles.Contains(n)).ToList();
            if (missing.Count > 0)
            {
                foreach (var name in missing)
                {
                    context.Fail(Path.Combine(filesDir.FullName, name), "the document file does not exist.");
                }

                return CliApp.ExitFailed;
            }

            var options = new ArchivePackageWriterOptions
            {
                Kind = parse.GetValue(kind) == "aip" ? ArchivePackageKind.Aip : ArchivePackageKind.Sip,
                CreateBag = parse.GetValue(bagit),
                AgencyName = spec.AgencyName,
                SubmissionAgreement = spec.SubmissionAgreement,
                FondsCode = spec.FondsCode,
            };
            var verification = new PdfVerificationOptions();
            foreach (var pem in parse.GetValue(trust) ?? [])
            {
                if (!File.Exists(pem))
                {
                    return context.Fail(pem, "the trust anchor file does not exist.");
                }

                verification.AddTrustAnchorsFromPemFile(pem);
            }

            // Every PDF's signature validation report is stored in the package as evidence (PREMIS event).
            var evidence = new PdfInspectorEvidenceProvider(new PdfDocumentInspector(new PdfSignatureVerifier(verification)));
            var writer = new ArchivePackageWriter(options, evidence);
            var target = parse.GetValue(output)!;
            ArchivePackageResult result;
            try
            {
                result = target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                    ? await writer.WriteZipAsync(spec.Content, target, ct)
                    : await writer.WriteFolderAsync(spec.Content, target, ct);
            }
            catch (EDocValidationException ex)
            {
                foreach (var p in ex.Problems)
                {
                    context.Error.WriteLine($"edoc: {dossierFile.FullName}: {p.Path}: {p.Message} [{p.Code}]");
                }

                return CliApp.ExitFailed;
            }

            if (parse.GetValue(json))
            {
                context.WriteJson(new { result.PackageId, result.FolderName, result.OutputPath, result.Kind, result.IsBag, Files = result.Files.Count, result.SignatureReports });
            }
            else
            {
                context.Out.WriteLine($"{result.Kind.ToString().ToUpperInvariant()} {result.PackageId} written to {result.OutputPath} ({result.Files.Count} files{(result.IsBag ? ", BagIt" : string.Empty)}).");
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static Command Verify(CliContext context)
    {
        var package = new Argument<string>("PACKAGE") { Description = "A package ZIP or folder." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("verify", "Verify a package: checksums, METS references both ways, E-ARK CSIP requirements, metadata, BagIt. Exit 0 only if intact and valid.") { package, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(package)!;
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                return context.Fail(path, "the package does not exist.");
            }

            var report = await new ArchivePackageVerifier().VerifyAsync(path, ct);
            if (parse.GetValue(json))
            {
                context.WriteJson(new
                {
                    Package = path,
                    report.PackageId,
                    report.Kind,
                    report.IsBag,
                    report.IsIntact,
                    report.IsValid,
                    Problems = report.Problems.Select(p => new { p.Path, p.Code, p.Severity, p.RequirementId, p.Message }),
                    Files = report.Files,
                });
            }
            else
            {
                foreach (var p in report.Problems)
                {
                    context.Out.WriteLine($"{(p.Severity == ValidationSeverity.Error ? "ERROR" : "WARNING")} {p.Path}: {p.Message} [{p.Code}]");
                }

                context.Out.WriteLine(report.IsValid
                    ? $"OK {report.PackageId}: {report.Files.Count} files intact, package valid."
                    : $"FAILED {report.PackageId}: {report.Errors.Count()} error(s).");
            }

            if (!report.IsValid)
            {
                foreach (var p in report.Errors)
                {
                    context.Error.WriteLine($"edoc: {path}: {p.Path}: {p.Message} [{p.Code}]");
                }

                return CliApp.ExitFailed;
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static Command Export(CliContext context)
    {
        var package = new Argument<string>("DOSSIER_PACKAGE") { Description = "A dossier package ZIP or folder." };
        var pdf = new Option<string?>("--pdf") { Description = "The PDF to write: an index page, then the dossier's PDFs in chronological order." };
        var xml = new Option<string?>("--xml") { Description = "The XML to write: NĐ 30/2020 Phụ lục VI metadata of the dossier and its documents, in chronological order." };
        var command = new Command("export", "Export a dossier package to .pdf and .xml (NĐ 30/2020/NĐ-CP Phụ lục VI).") { package, pdf, xml };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(package)!;
            var pdfPath = parse.GetValue(pdf);
            var xmlPath = parse.GetValue(xml);
            if (pdfPath is null && xmlPath is null)
            {
                throw new CliUsageException("archive export needs --pdf, --xml or both.");
            }

            if (!File.Exists(path) && !Directory.Exists(path))
            {
                return context.Fail(path, "the package does not exist.");
            }

            try
            {
                await new DossierExporter(pdfPath is null ? null : new PdfSharpDossierComposer()).ExportAsync(path, pdfPath, xmlPath, ct);
            }
            catch (EDocValidationException ex)
            {
                foreach (var p in ex.Problems)
                {
                    context.Error.WriteLine($"edoc: {path}: {p.Path}: {p.Message} [{p.Code}]");
                }

                return CliApp.ExitFailed;
            }

            context.Out.WriteLine($"Exported {path}{(xmlPath is null ? string.Empty : " to " + xmlPath)}{(pdfPath is null ? string.Empty : (xmlPath is null ? " to " : " and ") + pdfPath)}.");
            return CliApp.ExitOk;
        });
        return command;
    }

    /// <summary>The DOSSIER.json document read by <c>archive pack</c>.</summary>
    private sealed class DossierJson
    {
        private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            Converters = { new FileCodeConverter() },
        };

        public required ArchivePackageContent Content { get; init; }

        public string? AgencyName { get; init; }

        public string? SubmissionAgreement { get; init; }

        public string? FondsCode { get; init; }

        public HashSet<string> MissingFiles { get; } = [];

        public static async Task<DossierJson> LoadAsync(string path, string filesDir, CancellationToken ct)
        {
            await using var stream = File.OpenRead(path);
            using var doc = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }, ct);
            var root = doc.RootElement;
            if (!root.TryGetProperty("dossier", out var dossierElement))
            {
                throw new JsonException("the property 'dossier' is missing.");
            }

            var dossier = dossierElement.Deserialize<DossierMetadata>(Options) ?? throw new JsonException("'dossier' is null.");
            var documents = new List<ArchiveDocumentContent>();
            var missing = new HashSet<string>();
            if (root.TryGetProperty("documents", out var docs))
            {
                var i = 0;
                foreach (var d in docs.EnumerateArray())
                {
                    var metadata = d.Deserialize<DocumentMetadata>(Options) ?? throw new JsonException($"documents[{i}] is null.");
                    var file = d.TryGetProperty("file", out var f) ? f.GetString() : null;
                    if (string.IsNullOrEmpty(file))
                    {
                        throw new JsonException($"documents[{i}].file is missing.");
                    }

                    var full = Path.GetFullPath(Path.Combine(filesDir, file));
                    if (!full.StartsWith(Path.GetFullPath(filesDir) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    {
                        throw new JsonException($"documents[{i}].file '{file}' is outside the files folder.");
                    }

                    if (!File.Exists(full))
                    {
                        missing.Add(Path.GetFileName(full));
                    }

                    documents.Add(ArchiveDocumentContent.FromFile(metadata, full));
                    i++;
                }
            }

            var variant = root.TryGetProperty("variant", out var v) && v.GetString() is "loose" or "tailieu" ? ArchiveContentVariant.LooseDocuments : ArchiveContentVariant.Dossier;
            var result = new DossierJson
            {
                Content = new ArchivePackageContent { Dossier = dossier, Documents = documents, Variant = variant },
                AgencyName = root.TryGetProperty("agencyName", out var a) ? a.GetString() : null,
                SubmissionAgreement = root.TryGetProperty("submissionAgreement", out var s) ? s.GetString() : null,
                FondsCode = root.TryGetProperty("fondsCode", out var fc) ? fc.GetString() : null,
            };
            result.MissingFiles.UnionWith(missing);
            return result;
        }
    }

    /// <summary>Reads a file code as text (<c>000.00.00.H41.2025.01.TCCB</c>) or as an object.</summary>
    private sealed class FileCodeConverter : JsonConverter<FileCode>
    {
        public override FileCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                var text = reader.GetString()!;
                return FileCode.TryParse(text, out var code) ? code : throw new JsonException($"'{text}' is not a file code (OrganId.Year.FileNotation).");
            }

            using var doc = JsonDocument.ParseValue(ref reader);
            var e = doc.RootElement;
            return new FileCode(
                e.GetProperty("organId").GetString() ?? throw new JsonException("fileCode.organId is missing."),
                e.GetProperty("year").GetInt32(),
                e.GetProperty("fileNotation").GetString() ?? throw new JsonException("fileCode.fileNotation is missing."));
        }

        public override void Write(Utf8JsonWriter writer, FileCode value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
