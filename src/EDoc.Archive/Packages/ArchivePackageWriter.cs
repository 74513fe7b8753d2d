using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using EDoc.Archive.Diagnostics;
using EDoc.Archive.Evidence;
using EDoc.Archive.Fixity;
using EDoc.Archive.Metadata;
using EDoc.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EDoc.Archive.Packages;

/// <summary>
/// Writes SIP and AIP packages (Thông tư 05/2025/TT-BNV on E-ARK CSIP) of a dossier or of loose documents, as a ZIP
/// that unpacks to one folder named after the package id, or as a folder: root <c>METS.xml</c>, descriptive metadata
/// (<c>metadata/descriptive/EAD.xml</c>), PREMIS (AIP, or when signature evidence was taken),
/// <c>representations/rep1/{METS.xml,data/,metadata/}</c>, <c>schemas/</c>; every file with MIME type, size,
/// creation time and uppercase SHA-256. Optionally wrapped in a BagIt bag (SHA-512). Files are streamed: no data
/// file is read whole into memory. Output is atomic: a temporary file or folder is renamed at the end.
/// </summary>
public sealed class ArchivePackageWriter
{
    private const string Rep = "representations/rep1";
    private readonly ArchivePackageWriterOptions _options;
    private readonly ISignatureEvidenceProvider? _evidence;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options; copied, later edits have no effect.</param>
    /// <param name="evidenceProvider">
    /// Validates each PDF's signatures at packaging; none when <see langword="null"/>. An exception thrown by the
    /// provider aborts the packaging (nothing is written): a package never silently lacks evidence it was asked for.
    /// </param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Logs each package written (event ids 4000–4099); none when <see langword="null"/>.</param>
    public ArchivePackageWriter(ArchivePackageWriterOptions? options = null, ISignatureEvidenceProvider? evidenceProvider = null, TimeProvider? timeProvider = null, ILogger<ArchivePackageWriter>? logger = null)
    {
        var o = options ?? new ArchivePackageWriterOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(o.SoftwareName, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MaxDocuments, 1, nameof(options));
        _options = new ArchivePackageWriterOptions
        {
            Kind = o.Kind,
            CreateBag = o.CreateBag,
            SoftwareName = o.SoftwareName,
            SoftwareVersion = o.SoftwareVersion ?? typeof(ArchivePackageWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
            AgencyName = o.AgencyName,
            SubmissionAgreement = o.SubmissionAgreement,
            PackageUuid = o.PackageUuid,
            FondsCode = o.FondsCode,
            RuleSet = o.RuleSet ?? throw new ArgumentException("RuleSet is required.", nameof(options)),
            ValidateMetadata = o.ValidateMetadata,
            DataCompression = o.DataCompression,
            MaxDocuments = o.MaxDocuments,
        };
        _evidence = evidenceProvider;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// A test seam: wraps every file the writer creates (the temporary ZIP, or each file of the temporary folder) so
    /// that tests can make the disk fail (for example "No space left on device" after N bytes).
    /// </summary>
    internal Func<Stream, Stream>? WriteInterceptor { get; init; }

    /// <summary>Writes the package as a ZIP file that unpacks to one folder named after the package id.</summary>
    /// <param name="content">The dossier and its documents.</param>
    /// <param name="zipPath">The ZIP file; replaced atomically if it exists.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is left behind.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="EDocValidationException">The metadata is invalid (every problem listed).</exception>
    /// <exception cref="ArchivePackageFormatException">A file name is not allowed or two names collide, or an expected checksum does not match.</exception>
    public async Task<ArchivePackageResult> WriteZipAsync(ArchivePackageContent content, string zipPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(zipPath);
        return await InstrumentAsync(content, "zip", async () =>
        {
            var plan = Prepare(content);
            var sink = new ZipPackageSink(zipPath, plan.FolderName, WriteInterceptor);
            await using (sink.ConfigureAwait(false))
            {
                return await WriteAsync(plan, sink, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Writes the package as a folder <c>{parentDirectory}/{package folder name}</c>.</summary>
    /// <param name="content">The dossier and its documents.</param>
    /// <param name="parentDirectory">The folder that receives the package folder.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is left behind.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="EDocValidationException">The metadata is invalid.</exception>
    /// <exception cref="ArchivePackageFormatException">A file name is not allowed or two names collide.</exception>
    /// <exception cref="IOException">The package folder already exists.</exception>
    public async Task<ArchivePackageResult> WriteFolderAsync(ArchivePackageContent content, string parentDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(parentDirectory);
        return await InstrumentAsync(content, "folder", async () =>
        {
            var plan = Prepare(content);
            var sink = new FolderPackageSink(parentDirectory, plan.FolderName, WriteInterceptor);
            await using (sink.ConfigureAwait(false))
            {
                return await WriteAsync(plan, sink, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    private async Task<ArchivePackageResult> InstrumentAsync(ArchivePackageContent content, string target, Func<Task<ArchivePackageResult>> write)
    {
        var kind = _options.Kind.ToString().ToUpperInvariant();
        using var activity = ArchiveDiagnostics.ActivitySource.StartActivity("ArchivePackageWriter.Write");
        activity?.SetTag("edoc.archive.kind", kind);
        activity?.SetTag("edoc.archive.target", target);
        var start = Stopwatch.GetTimestamp();
        Log.PackStarted(_logger, kind, target, content?.Documents?.Count ?? 0);

        try
        {
            var result = await write().ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start);
            ArchiveDiagnostics.PackDuration.Record(elapsed.TotalSeconds, ArchiveDiagnostics.Kind(kind), ArchiveDiagnostics.Outcome("success"));
            activity?.SetTag("edoc.archive.package_id", result.PackageId);
            activity?.SetTag("edoc.archive.files", result.Files.Count);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var bytes = result.Files.Sum(f => f.Size);
                Log.PackCompleted(_logger, kind, result.PackageId, result.Files.Count, bytes, (long)elapsed.TotalMilliseconds);
            }

            return result;
        }
        catch (Exception ex)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            var outcome = ex is OperationCanceledException ? "canceled" : "failure";
            ArchiveDiagnostics.PackDuration.Record(elapsed.TotalSeconds, ArchiveDiagnostics.Kind(kind), ArchiveDiagnostics.Outcome(outcome));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            Log.PackFailed(_logger, ex, kind, (long)elapsed.TotalMilliseconds);
            throw;
        }
    }

    /// <summary>The folder name of a package id: <c>:</c> replaced by <c>_</c> (Thông tư 05/2025/TT-BNV).</summary>
    /// <param name="packageId">The OBJID.</param>
    /// <returns>The folder name.</returns>
    public static string FolderNameOf(string packageId)
    {
        ArgumentNullException.ThrowIfNull(packageId);
        return packageId.Replace(':', '_');
    }

    private Plan Prepare(ArchivePackageContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(content.Dossier);
        ArgumentNullException.ThrowIfNull(content.Documents);
        if (content.Documents.Count > _options.MaxDocuments)
        {
            throw new EDocLimitExceededException("ArchivePackage", null, nameof(ArchivePackageWriterOptions.MaxDocuments), _options.MaxDocuments, content.Documents.Count);
        }

        var names = content.Documents.Select(d => ArchiveFileNames.EnsureValidName(d.FileName)).ToList();
        ArchiveFileNames.EnsureDistinct(content.Documents.Select(d => d.FileName));
        if (_options.ValidateMetadata)
        {
            var validator = new ArchiveMetadataValidator(_options.RuleSet);
            validator.Validate(content.Dossier, content.Documents.Select(d => d.Metadata).ToList(), content.Variant).ThrowIfInvalid("Dossier metadata");
        }

        var uuid = (_options.PackageUuid ?? Guid.NewGuid()).ToString("D").ToUpperInvariant();
        var fonds = _options.FondsCode ?? content.Dossier.ArchiveAgencyCode ?? content.Dossier.FileCode.OrganId;
        var id = _options.Kind == ArchivePackageKind.Sip ? $"uuid-{uuid}" : $"urn:{fonds}:uuid:{uuid}";
        var folder = FolderNameOf(id);
        if (ArchiveFileNames.GetNameProblem(folder) is { } problem && !folder.Contains(':', StringComparison.Ordinal))
        {
            throw new ArchivePackageFormatException(ArchivePackageFormatError.InvalidName, folder, $"the package folder name is not allowed: {problem}.");
        }

        var docs = content.Documents.Select((d, i) => (Doc: d, Name: names[i]))
            .OrderBy(x => x.Name, StringComparer.Ordinal)
            .ToList();
        return new Plan(content, id, folder, VietnamTime.Now(_time), docs);
    }

    private async Task<ArchivePackageResult> WriteAsync(Plan plan, IPackageSink sink, CancellationToken ct)
    {
        var bag = _options.CreateBag;
        var prefix = bag ? "data/" : string.Empty;
        var now = plan.Now;
        var written = new List<PackagedFile>();
        var bagPayload = new List<(string Path, string Sha512, long Size)>();
        var dossier = plan.Content.Dossier;
        var ruleSetId = _options.RuleSet.Id;

        async Task<MetsFile> Put(string path, string id, string mediaType, DateTimeOffset created, CompressionLevel level, Func<Stream, CancellationToken, Task> write)
        {
            var stream = sink.OpenWrite(prefix + path, created, level);
            var hashing = new HashingWriteStream(stream, withSha512: bag);
            await using (hashing.ConfigureAwait(false))
            {
                await write(hashing, ct).ConfigureAwait(false);
                await hashing.FlushAsync(ct).ConfigureAwait(false);
                var file = new PackagedFile(path, hashing.BytesWritten, hashing.Sha256Hex(), mediaType, created);
                written.Add(file);
                if (bag)
                {
                    bagPayload.Add(("data/" + path, hashing.Sha512Hex()!, hashing.BytesWritten));
                }

                return new MetsFile(id, MetsXml.Href(path), mediaType, file.Size, created, file.Sha256);
            }
        }

        Task<MetsFile> PutXml(string path, string id, Action<Stream> write)
            => Put(path, id, "application/xml", now, CompressionLevel.Optimal, (s, _) =>
            {
                write(s);
                return Task.CompletedTask;
            });

        // 1. Data files (streamed), with signature evidence for PDFs.
        var dataFiles = new List<MetsFile>();
        var evidence = new List<(string DataPath, string ReportPath, SignatureEvidence Evidence, MetsFile Report)>();
        var fixityChecked = new List<string>();
        var n = 0;
        foreach (var (doc, name) in plan.Documents)
        {
            ct.ThrowIfCancellationRequested();
            var dataPath = $"{Rep}/data/{name}";
            var dmdId = DocDmdId(doc.Metadata.Ordinal);
            var file = await Put(dataPath, $"file-{++n:D6}", doc.MediaType, doc.Created ?? now, _options.DataCompression, async (s, token) =>
            {
                var source = await doc.OpenReadAsync(token).ConfigureAwait(false);
                await using (source.ConfigureAwait(false))
                {
                    await source.CopyToAsync(s, FixityCalculator.BufferSize, token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            if (doc.ExpectedSha256 is { } expected)
            {
                if (!FixityCalculator.ChecksumEquals(expected, file.Sha256))
                {
                    throw new ArchivePackageFormatException(ArchivePackageFormatError.ChecksumMismatch, doc.FileName, $"the file's SHA-256 is {file.Sha256}, but {expected.ToUpperInvariant()} was expected.");
                }

                fixityChecked.Add(dataPath);
            }

            dataFiles.Add(file with { Href = MetsXml.Href($"data/{name}"), DmdId = dmdId });

            if (_evidence is not null && doc.MediaType == "application/pdf")
            {
                SignatureEvidence? ev;
                var pdf = await doc.OpenReadAsync(ct).ConfigureAwait(false);
                await using (pdf.ConfigureAwait(false))
                {
                    ev = await _evidence.GetEvidenceAsync(pdf, name, ct).ConfigureAwait(false);
                }

                Log.EvidenceTaken(_logger, name, ev?.Outcome ?? "none");
                if (ev is not null)
                {
                    var reportPath = $"metadata/preservation/signature-reports/{name}{MediaTypes.ExtensionOf(ev.ReportMediaType)}";
                    var report = await Put(reportPath, $"sigreport-{evidence.Count + 1:D6}", ev.ReportMediaType, ev.ValidatedAt ?? now, CompressionLevel.Optimal,
                        (s, token) => s.WriteAsync(ev.Report, token).AsTask()).ConfigureAwait(false);
                    evidence.Add((dataPath, reportPath, ev, report));
                }
            }
        }

        // 2. Representation descriptive metadata, one file per document.
        var schemaFromRep = "../../../../schemas/" + DescriptiveMetadataXml.SchemaFileName;
        var docRefs = new List<MetsMetadataRef>();
        foreach (var (doc, name) in plan.Documents.OrderBy(d => d.Doc.Metadata.Ordinal))
        {
            var ordinal = doc.Metadata.Ordinal.ToString("D7", CultureInfo.InvariantCulture);
            var path = $"{Rep}/metadata/descriptive/EAD_doc_{ordinal}.xml";
            var f = await PutXml(path, $"eaddoc-{ordinal}", s => DescriptiveMetadataXml.WriteDocument(s, dossier, doc.Metadata, name, ruleSetId, schemaFromRep)).ConfigureAwait(false);
            docRefs.Add(new MetsMetadataRef(DocDmdId(doc.Metadata.Ordinal), f with { Href = MetsXml.Href($"metadata/descriptive/EAD_doc_{ordinal}.xml") }, "DC", null));
        }

        // 3. Dossier descriptive metadata.
        var pages = plan.Documents.Sum(d => d.Doc.Metadata.NumberOfPage ?? 0);
        var ead = await PutXml("metadata/descriptive/EAD.xml", "ead", s => DescriptiveMetadataXml.WriteDossier(
            s, dossier, plan.Content.Variant, plan.Documents.Count, pages, ruleSetId, "../../schemas/" + DescriptiveMetadataXml.SchemaFileName)).ConfigureAwait(false);

        // 4. Schemas.
        var schema = await Put("schemas/" + DescriptiveMetadataXml.SchemaFileName, "schema-1", "application/xml", now, CompressionLevel.Optimal, async (s, token) =>
        {
            var resource = typeof(ArchivePackageWriter).Assembly.GetManifestResourceStream("EDoc.Archive.Schemas." + DescriptiveMetadataXml.SchemaFileName)
                           ?? throw new InvalidOperationException("The embedded schema is missing.");
            await using (resource.ConfigureAwait(false))
            {
                await resource.CopyToAsync(s, token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        // 5. PREMIS: always for an AIP; for a SIP when signature evidence was taken.
        MetsFile? premis = null;
        if (_options.Kind == ArchivePackageKind.Aip || evidence.Count > 0)
        {
            premis = await PutXml("metadata/preservation/PREMIS.xml", "premis", s => WritePremis(s, plan, written, evidence, fixityChecked)).ConfigureAwait(false);
        }

        // 6. Representation METS.
        var repModel = NewMets(plan, $"{plan.PackageId}/{Rep}", "rep1");
        repModel.Descriptive.AddRange(docRefs);
        repModel.FileGroups.Add(("filegrp-data", "Representations/rep1/Data", dataFiles));
        var repMets = await PutXml($"{Rep}/METS.xml", "rep1-mets", s => MetsXml.Write(s, repModel)).ConfigureAwait(false);

        // 7. Root METS.
        var root = NewMets(plan, plan.PackageId, dossier.Title);
        root.Descriptive.Add(new MetsMetadataRef("dmd-ead", ead, "DC", null));
        if (premis is not null)
        {
            root.Provenance.Add(new MetsMetadataRef("digiprov-premis", premis, "PREMIS", null));
        }

        foreach (var (e, i) in evidence.Select((e, i) => (e, i)))
        {
            root.Provenance.Add(new MetsMetadataRef($"digiprov-signature-{i + 1:D6}", e.Report, "OTHER", "SIGNATURE-VALIDATION-REPORT"));
        }

        root.FileGroups.Add(("filegrp-schemas", "Schemas", [schema]));
        root.FileGroups.Add(("filegrp-rep1", "Representations/rep1", [repMets]));
        root.Representations.Add(("Representations/rep1", MetsXml.Href($"{Rep}/METS.xml"), "filegrp-rep1"));
        await PutXml("METS.xml", "mets", s => MetsXml.Write(s, root)).ConfigureAwait(false);

        // 8. Folders CSIP recommends even when empty (STR7, STR8, STR16).
        sink.CreateDirectory(prefix + "metadata/other", now);
        sink.CreateDirectory(prefix + "metadata/preservation", now);
        sink.CreateDirectory(prefix + "documentation", now);

        // 9. BagIt wrapping.
        if (bag)
        {
            await WriteBagAsync(sink, plan, bagPayload, ct).ConfigureAwait(false);
        }

        var output = await sink.CommitAsync(ct).ConfigureAwait(false);
        return new ArchivePackageResult(plan.PackageId, plan.FolderName, output, _options.Kind, bag, written, evidence.Count);
    }

    private MetsDocumentModel NewMets(Plan plan, string objId, string label) => new()
    {
        ObjId = objId,
        Label = label,
        Type = plan.Content.Variant == ArchiveContentVariant.Dossier ? "Mixed" : "Collection",
        PackageType = _options.Kind == ArchivePackageKind.Aip ? "AIP" : "SIP",
        CreateDate = plan.Now,
        SoftwareName = _options.SoftwareName,
        SoftwareVersion = _options.SoftwareVersion!,
        AgencyName = _options.AgencyName,
        SubmissionAgreement = _options.SubmissionAgreement,
    };

    private void WritePremis(Stream s, Plan plan, List<PackagedFile> written, List<(string DataPath, string ReportPath, SignatureEvidence Evidence, MetsFile Report)> evidence, List<string> fixityChecked)
    {
        var nameByPath = plan.Documents.ToDictionary(d => $"{Rep}/data/{d.Name}", d => d.Doc.FileName, StringComparer.Ordinal);
        var objects = written.Select(f => new PremisObject(f.Path, nameByPath.TryGetValue(f.Path, out var original) ? original : Path.GetFileName(f.Path), f.Size, f.Sha256, f.MediaType)).ToList();
        var software = new PremisAgent("agent-software", $"{_options.SoftwareName} {_options.SoftwareVersion}", "software", "Packaging software (E-ARK CSIP, Thông tư 05/2025/TT-BNV)");
        var agents = new List<PremisAgent> { software };
        if (_options.AgencyName is not null)
        {
            agents.Add(new PremisAgent("agent-organization", _options.AgencyName, "organization", null));
        }

        var events = new List<PremisEvent>();
        var data = written.Where(f => f.Path.StartsWith(Rep + "/data/", StringComparison.Ordinal)).Select(f => (f.Path, "source")).ToList();
        events.Add(new PremisEvent("message digest calculation", plan.Now, "SHA-256 of every file computed while packaging", "success", null, software.Id, data));
        if (fixityChecked.Count > 0)
        {
            events.Add(new PremisEvent("fixity check", plan.Now, "SHA-256 compared with the checksum supplied by the submitter", "success", null, software.Id, fixityChecked.Select(p => (p, "source")).ToList()));
        }

        foreach (var (dataPath, reportPath, ev, _) in evidence)
        {
            var agentId = software.Id;
            if (ev.ValidatorName is { } validator)
            {
                agentId = "agent-validator-" + (agents.Count(a => a.Type == "software") + 1).ToString(CultureInfo.InvariantCulture);
                var existing = agents.FirstOrDefault(a => a.Name == validator);
                if (existing is null)
                {
                    agents.Add(new PremisAgent(agentId, validator, "software", "Signature validation"));
                }
                else
                {
                    agentId = existing.Id;
                }
            }

            events.Add(new PremisEvent("digital signature validation", ev.ValidatedAt ?? plan.Now, "Validation of the PDF signatures at packaging", ev.Outcome, ev.Summary, agentId,
                [(dataPath, "source"), (reportPath, "outcome")]));
        }

        if (_options.Kind == ArchivePackageKind.Aip)
        {
            if (plan.Content.SourcePackageId is { } sip)
            {
                events.Add(new PremisEvent("information package creation", plan.Now, $"SIP→AIP conversion: SIP {sip} converted to AIP {plan.PackageId}", "success", null, software.Id,
                    [(sip, "source"), (plan.PackageId, "outcome")]));
            }

            events.Add(new PremisEvent("ingestion", plan.Now, $"Ingest of AIP {plan.PackageId} (Thông tư 05/2025/TT-BNV)", "success", null, software.Id, [(plan.PackageId, "outcome")]));
        }

        PremisXml.Write(s, $"{plan.PackageId}/{Rep}", objects, events, agents);
    }

    private async Task WriteBagAsync(IPackageSink sink, Plan plan, List<(string Path, string Sha512, long Size)> payload, CancellationToken ct)
    {
        var tags = new List<(string Path, string Sha512)>();

        async Task Tag(string path, string text)
        {
            var stream = sink.OpenWrite(path, plan.Now, CompressionLevel.Optimal);
            var hashing = new HashingWriteStream(stream, withSha512: true);
            await using (hashing.ConfigureAwait(false))
            {
                var bytes = new UTF8Encoding(false).GetBytes(text);
                await hashing.WriteAsync(bytes, ct).ConfigureAwait(false);
                tags.Add((path, hashing.Sha512Hex()!));
            }
        }

        var manifest = new StringBuilder();
        foreach (var (path, sha, _) in payload.OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            manifest.Append(sha.ToLowerInvariant()).Append("  ").Append(BagIt.EncodePath(path)).Append('\n');
        }

        await Tag("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n").ConfigureAwait(false);
        var info = new StringBuilder()
            .Append("Bag-Software-Agent: ").Append(_options.SoftwareName).Append(' ').Append(_options.SoftwareVersion).Append('\n')
            .Append("Bagging-Date: ").Append(plan.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n')
            .Append("External-Identifier: ").Append(plan.PackageId).Append('\n')
            .Append("Payload-Oxum: ").Append(payload.Sum(p => p.Size).ToString(CultureInfo.InvariantCulture)).Append('.').Append(payload.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (_options.AgencyName is not null)
        {
            info.Append("Source-Organization: ").Append(BagIt.OneLine(_options.AgencyName)).Append('\n');
        }

        await Tag("bag-info.txt", info.ToString()).ConfigureAwait(false);
        await Tag("manifest-sha512.txt", manifest.ToString()).ConfigureAwait(false);
        var tagManifest = new StringBuilder();
        foreach (var (path, sha) in tags)
        {
            tagManifest.Append(sha.ToLowerInvariant()).Append("  ").Append(path).Append('\n');
        }

        var tm = sink.OpenWrite("tagmanifest-sha512.txt", plan.Now, CompressionLevel.Optimal);
        await using (tm.ConfigureAwait(false))
        {
            await tm.WriteAsync(new UTF8Encoding(false).GetBytes(tagManifest.ToString()), ct).ConfigureAwait(false);
        }
    }

    private static string DocDmdId(int ordinal) => "dmd-doc-" + ordinal.ToString("D7", CultureInfo.InvariantCulture);

    private sealed record Plan(ArchivePackageContent Content, string PackageId, string FolderName, DateTimeOffset Now, List<(ArchiveDocumentContent Doc, string Name)> Documents);
}

/// <summary>BagIt (RFC 8493) helpers.</summary>
internal static class BagIt
{
    /// <summary>Encodes a manifest path: only <c>%</c>, CR and LF are percent-encoded (RFC 8493 §2.1.3).</summary>
    public static string EncodePath(string path) => path.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string DecodePath(string path) => path.Replace("%0A", "\n", StringComparison.OrdinalIgnoreCase).Replace("%0D", "\r", StringComparison.OrdinalIgnoreCase).Replace("%25", "%", StringComparison.Ordinal);

    public static string OneLine(string s) => s.Replace('\r', ' ').Replace('\n', ' ');
}
