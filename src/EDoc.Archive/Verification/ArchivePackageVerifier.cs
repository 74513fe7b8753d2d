using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using EDoc.Archive.Diagnostics;
using EDoc.Archive.Fixity;
using EDoc.Archive.Metadata;
using EDoc.Archive.Packages;
using EDoc.Archive.Rules;
using EDoc.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EDoc.Archive.Verification;

/// <summary>Options of <see cref="ArchivePackageVerifier"/>.</summary>
public sealed class ArchivePackageVerifierOptions
{
    /// <summary>Limits applied to the untrusted package.</summary>
    public ArchivePackageReadOptions ReadOptions { get; set; } = new();

    /// <summary>The rule set metadata is validated against; the one named in the descriptive metadata (or TT05_2025) when <see langword="null"/>.</summary>
    public ArchiveRuleSet? RuleSet { get; set; }

    /// <summary>Whether descriptive metadata is validated.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ValidateMetadata { get; set; } = true;
}

/// <summary>
/// Verifies an archival package (folder or ZIP, optionally a BagIt bag): recomputes every checksum by streaming,
/// checks METS references both ways (missing, extra, renamed, modified files, size mismatches), checks the E-ARK
/// CSIP structure and METS requirements by id, validates descriptive metadata against the rule set, and verifies
/// BagIt manifests. Hostile packages (path traversal, absolute names, symbolic links, zip bombs) are refused with
/// <see cref="ArchivePackageFormatException"/>.
/// </summary>
public sealed class ArchivePackageVerifier
{
    private static readonly Lazy<XmlSchemaSet> DescriptiveSchema = new(LoadSchema);
    private readonly ArchivePackageVerifierOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options; copied.</param>
    /// <param name="logger">Logs each verification (event ids 4100–4199); none when <see langword="null"/>.</param>
    public ArchivePackageVerifier(ArchivePackageVerifierOptions? options = null, ILogger<ArchivePackageVerifier>? logger = null)
    {
        var o = options ?? new ArchivePackageVerifierOptions();
        _options = new ArchivePackageVerifierOptions { ReadOptions = o.ReadOptions ?? new(), RuleSet = o.RuleSet, ValidateMetadata = o.ValidateMetadata };
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Verifies a package.</summary>
    /// <param name="path">A ZIP file, the package folder, or a folder holding only the package folder.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The report: every problem and every file's state.</returns>
    /// <exception cref="ArchivePackageFormatException">The package is unreadable or hostile.</exception>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public async Task<ArchiveVerificationReport> VerifyAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var activity = ArchiveDiagnostics.ActivitySource.StartActivity("ArchivePackageVerifier.Verify");
        var start = Stopwatch.GetTimestamp();
        try
        {
            var report = await VerifyCoreAsync(path, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start);
            var outcome = report.IsValid ? "valid" : report.IsIntact ? "invalid" : "damaged";
            ArchiveDiagnostics.VerifyDuration.Record(elapsed.TotalSeconds, ArchiveDiagnostics.Outcome(outcome));
            activity?.SetTag("edoc.archive.package_id", report.PackageId);
            activity?.SetTag("edoc.archive.outcome", outcome);
            Log.VerifyCompleted(_logger, report.PackageId, report.IsValid, report.IsIntact, report.Problems.Count, report.Files.Count, (long)elapsed.TotalMilliseconds);
            return report;
        }
        catch (Exception ex)
        {
            ArchiveDiagnostics.VerifyDuration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, ArchiveDiagnostics.Outcome(ex is OperationCanceledException ? "canceled" : "refused"));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            if (ex is ArchivePackageFormatException format)
            {
                Log.VerifyRefused(_logger, ex, format.ErrorCode, format.Location);
            }

            throw;
        }
    }

    private async Task<ArchiveVerificationReport> VerifyCoreAsync(string path, CancellationToken cancellationToken)
    {
        using var source = PackageSource.Open(path, _options.ReadOptions);
        var problems = new List<ArchiveVerificationProblem>();
        var isBag = source.Files.ContainsKey("bagit.txt");
        var prefix = isBag ? "data/" : string.Empty;

        // One streaming pass over every file: SHA-256, plus SHA-512 in a bag.
        var hashes = new Dictionary<string, (string Sha256, string? Sha512, long Size)>(StringComparer.Ordinal);
        foreach (var entry in source.Files.Values.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            hashes[entry.Path] = await HashAsync(source, entry, isBag, cancellationToken).ConfigureAwait(false);
        }

        if (isBag)
        {
            BagItVerifier.Verify(source, hashes, problems);
        }

        var files = source.Files.Keys.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p[prefix.Length..], p => p, StringComparer.Ordinal);
        var dirs = new HashSet<string>(source.Directories.Where(d => d.StartsWith(prefix, StringComparison.Ordinal) && d.Length > prefix.Length).Select(d => d[prefix.Length..]), StringComparer.Ordinal);
        XDocument? rootMets = null;
        if (files.TryGetValue("METS.xml", out var rootMetsPath))
        {
            rootMets = TryLoad(source, rootMetsPath, "METS.xml", problems);
        }

        var objId = (string?)rootMets?.Root?.Attribute("OBJID");
        var kind = (string?)rootMets?.Root?.Element(MetsReader.Mets + "metsHdr")?.Attribute(MetsReader.Csip + "OAISPACKAGETYPE") switch
        {
            "SIP" => ArchivePackageKind.Sip,
            "AIP" => ArchivePackageKind.Aip,
            _ => (ArchivePackageKind?)null,
        };
        CsipRules.CheckStructure(dirs, files.ContainsKey, source.RootFolderName, objId, problems);

        var references = new List<MetsReference>();
        var repMets = new List<(string Path, XDocument Doc)>();
        if (rootMets is not null)
        {
            CsipRules.CheckMets(rootMets, "METS.xml", isRoot: true, problems);
            var rootRefs = MetsReader.References(rootMets, "METS.xml", problems);
            references.AddRange(rootRefs);
            foreach (var r in rootRefs.Where(r => r.Use?.StartsWith("Representations", StringComparison.Ordinal) == true && r.Path.EndsWith("/METS.xml", StringComparison.Ordinal)))
            {
                if (files.TryGetValue(r.Path, out var full) && TryLoad(source, full, r.Path, problems) is { } doc)
                {
                    repMets.Add((r.Path, doc));
                    CsipRules.CheckMets(doc, r.Path, isRoot: false, problems);
                    references.AddRange(MetsReader.References(doc, r.Path, problems));
                }
            }

            if (kind == ArchivePackageKind.Aip && !references.Any(r => r.Path == "metadata/preservation/PREMIS.xml"))
            {
                problems.Add(new ArchiveVerificationProblem("metadata/preservation/PREMIS.xml", "tt05.premis-required", "An AIP must carry PREMIS preservation metadata (Thông tư 05/2025/TT-BNV)."));
            }
        }

        var checks = CompareReferences(references, files, hashes, problems);
        CheckPremisFixity(source, files, hashes, references, problems);

        if (_options.ValidateMetadata && rootMets is not null)
        {
            ValidateMetadata(source, files, references, repMets, problems);
        }

        return new ArchiveVerificationReport(path, objId, kind, isBag, problems, checks);
    }

    private static List<ArchiveFileCheck> CompareReferences(List<MetsReference> references, Dictionary<string, string> files, Dictionary<string, (string Sha256, string? Sha512, long Size)> hashes, List<ArchiveVerificationProblem> problems)
    {
        var checks = new List<ArchiveFileCheck>();
        var expected = new Dictionary<string, MetsReference>(StringComparer.Ordinal);
        foreach (var r in references)
        {
            if (expected.TryGetValue(r.Path, out var other) && (other.Checksum != r.Checksum || other.Size != r.Size))
            {
                problems.Add(new ArchiveVerificationProblem(r.Path, "mets.inconsistent", $"{r.MetsPath}#{r.ElementId} and {other.MetsPath}#{other.ElementId} record different sizes or checksums for this file."));
            }

            expected.TryAdd(r.Path, r);
        }

        var missing = new List<MetsReference>();
        foreach (var r in expected.Values.OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            if (!files.TryGetValue(r.Path, out var full))
            {
                missing.Add(r);
                continue;
            }

            var h = hashes[full];
            var actual = r.ChecksumType?.ToUpperInvariant() switch
            {
                "SHA-256" => h.Sha256,
                "SHA-512" => h.Sha512,
                _ => null,
            };
            if (r.Size is { } size && size != h.Size)
            {
                problems.Add(new ArchiveVerificationProblem(r.Path, "file.size-mismatch", $"The file has {h.Size} bytes; {r.MetsPath}#{r.ElementId} records {size}."));
                checks.Add(new ArchiveFileCheck(r.Path, ArchiveFileStatus.SizeMismatch, h.Size, r.Checksum, h.Sha256));
            }
            else if (actual is null)
            {
                problems.Add(new ArchiveVerificationProblem(r.Path, "mets.checksum-type-unsupported", $"{r.MetsPath}#{r.ElementId} uses the checksum type '{r.ChecksumType}', which cannot be checked here; only the size was compared.", ValidationSeverity.Warning));
                checks.Add(new ArchiveFileCheck(r.Path, ArchiveFileStatus.Intact, h.Size, r.Checksum, h.Sha256));
            }
            else if (!FixityCalculator.ChecksumEquals(actual, r.Checksum))
            {
                problems.Add(new ArchiveVerificationProblem(r.Path, "file.checksum-mismatch", $"The file's {r.ChecksumType} is {actual}; {r.MetsPath}#{r.ElementId} records {r.Checksum}: the file or its METS entry was modified."));
                checks.Add(new ArchiveFileCheck(r.Path, ArchiveFileStatus.ChecksumMismatch, h.Size, r.Checksum, h.Sha256));
            }
            else
            {
                checks.Add(new ArchiveFileCheck(r.Path, ArchiveFileStatus.Intact, h.Size, r.Checksum, h.Sha256));
            }
        }

        var extras = files.Keys.Where(p => p != "METS.xml" && !expected.ContainsKey(p)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        foreach (var extra in extras)
        {
            var h = hashes[files[extra]];
            var renamedFrom = missing.FirstOrDefault(m => FixityCalculator.ChecksumEquals(m.Checksum, m.ChecksumType?.ToUpperInvariant() == "SHA-512" ? h.Sha512 : h.Sha256));
            if (renamedFrom is not null)
            {
                missing.Remove(renamedFrom);
                problems.Add(new ArchiveVerificationProblem(extra, "file.renamed", $"The file '{extra}' is not referenced by METS but has the checksum of '{renamedFrom.Path}' ({renamedFrom.MetsPath}#{renamedFrom.ElementId}), which is missing: it was renamed."));
                checks.Add(new ArchiveFileCheck(extra, ArchiveFileStatus.Renamed, h.Size, renamedFrom.Checksum, h.Sha256));
                continue;
            }

            problems.Add(new ArchiveVerificationProblem(extra, "file.extra", $"The file '{extra}' is in the package but no METS file references it."));
            checks.Add(new ArchiveFileCheck(extra, ArchiveFileStatus.Extra, h.Size, null, h.Sha256));
        }

        foreach (var m in missing)
        {
            problems.Add(new ArchiveVerificationProblem(m.Path, "file.missing", $"The file '{m.Path}' referenced by {m.MetsPath}#{m.ElementId} is missing."));
            checks.Add(new ArchiveFileCheck(m.Path, ArchiveFileStatus.Missing, null, m.Checksum, null));
        }

        checks.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return checks;
    }

    private void ValidateMetadata(PackageSource source, Dictionary<string, string> files, List<MetsReference> references, List<(string Path, XDocument Doc)> repMets, List<ArchiveVerificationProblem> problems)
    {
        var dossierRef = references.FirstOrDefault(r => r.MetsPath == "METS.xml" && r.Kind == "dmdSec" && files.ContainsKey(r.Path));
        if (dossierRef is null)
        {
            problems.Add(new ArchiveVerificationProblem("METS.xml", "metadata.missing", "The package has no readable dossier descriptive metadata (dmdSec)."));
            return;
        }

        var dossierDoc = TryLoad(source, files[dossierRef.Path], dossierRef.Path, problems);
        if (dossierDoc is null || !SchemaValid(dossierDoc, dossierRef.Path, problems))
        {
            return;
        }

        DossierMetadata dossier;
        ArchiveContentVariant variant;
        string? ruleSetId;
        try
        {
            (dossier, variant, ruleSetId) = DescriptiveMetadataXml.ReadDossier(dossierDoc, dossierRef.Path);
        }
        catch (ArchivePackageFormatException ex)
        {
            problems.Add(new ArchiveVerificationProblem(dossierRef.Path, "metadata.malformed", ex.Reason));
            return;
        }

        var documents = new List<(DocumentMetadata Doc, string Path)>();
        var repDmd = references.Where(r => r.Kind == "dmdSec" && r.MetsPath != "METS.xml" && files.ContainsKey(r.Path)).ToList();
        foreach (var r in repDmd)
        {
            var doc = TryLoad(source, files[r.Path], r.Path, problems);
            if (doc is null || !SchemaValid(doc, r.Path, problems))
            {
                continue;
            }

            try
            {
                documents.Add((DescriptiveMetadataXml.ReadDocument(doc, r.Path).Document, r.Path));
            }
            catch (ArchivePackageFormatException ex)
            {
                problems.Add(new ArchiveVerificationProblem(r.Path, "metadata.malformed", ex.Reason));
            }
        }

        var ruleSet = _options.RuleSet ?? (ruleSetId is not null && ruleSetId is ArchiveRuleSet.Tt05Id or ArchiveRuleSet.Nd30Id ? ArchiveRuleSet.Get(ruleSetId) : ArchiveRuleSet.Tt05);
        var result = new ArchiveMetadataValidator(ruleSet).Validate(dossier, documents.Select(d => d.Doc).ToList(), variant);
        foreach (var p in result.Problems)
        {
            var target = dossierRef.Path;
            var field = p.Path;
            if (p.Path.StartsWith("documents[", StringComparison.Ordinal))
            {
                var close = p.Path.IndexOf(']', StringComparison.Ordinal);
                var index = int.Parse(p.Path.AsSpan(10, close - 10), CultureInfo.InvariantCulture);
                target = documents[index].Path;
                field = p.Path[(close + 1)..].TrimStart('.');
            }
            else if (p.Path.StartsWith("dossier.", StringComparison.Ordinal))
            {
                field = p.Path["dossier.".Length..];
            }

            problems.Add(new ArchiveVerificationProblem($"{target}#{field}", "metadata." + p.Code, p.Message, p.Severity));
        }
    }

    /// <summary>Compares the PREMIS fixity recorded for each file object with the file (a second, independent record).</summary>
    private static void CheckPremisFixity(PackageSource source, Dictionary<string, string> files, Dictionary<string, (string Sha256, string? Sha512, long Size)> hashes, List<MetsReference> references, List<ArchiveVerificationProblem> problems)
    {
        foreach (var premisRef in references.Where(r => r.Kind == "digiprovMD" && files.ContainsKey(r.Path) && r.Path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            XDocument? premis;
            try
            {
                premis = source.LoadXml(source.Files[files[premisRef.Path]]);
            }
            catch (ArchivePackageFormatException)
            {
                continue;
            }

            XNamespace p = PremisXml.PremisNs;
            if (premis.Root?.Name != p + "premis")
            {
                continue;
            }

            foreach (var obj in premis.Root.Elements(p + "object"))
            {
                var id = obj.Element(p + "objectIdentifier")?.Element(p + "objectIdentifierValue")?.Value;
                var fixity = obj.Descendants(p + "fixity").FirstOrDefault(f => f.Element(p + "messageDigestAlgorithm")?.Value == "SHA-256");
                if (id is null || fixity is null || !files.TryGetValue(ArchiveFileNames.Normalize(id), out var full))
                {
                    continue;
                }

                if (!FixityCalculator.ChecksumEquals(hashes[full].Sha256, fixity.Element(p + "messageDigest")?.Value))
                {
                    problems.Add(new ArchiveVerificationProblem(ArchiveFileNames.Normalize(id), "premis.fixity-mismatch", $"The file's SHA-256 differs from the fixity recorded in {premisRef.Path}."));
                }
            }
        }
    }

    private static bool SchemaValid(XDocument doc, string path, List<ArchiveVerificationProblem> problems)
    {
        var ok = true;
        doc.Validate(DescriptiveSchema.Value, (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                ok = false;
                problems.Add(new ArchiveVerificationProblem(path, "metadata.schema", $"The descriptive metadata does not match {DescriptiveMetadataXml.SchemaFileName}: {e.Message}"));
            }
        });
        return ok;
    }

    private static XmlSchemaSet LoadSchema()
    {
        using var stream = typeof(ArchivePackageVerifier).Assembly.GetManifestResourceStream("EDoc.Archive.Schemas." + DescriptiveMetadataXml.SchemaFileName)
                           ?? throw new InvalidOperationException("The embedded schema is missing.");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(null, reader);
        set.Compile();
        return set;
    }

    private static XDocument? TryLoad(PackageSource source, string fullPath, string displayPath, List<ArchiveVerificationProblem> problems)
    {
        try
        {
            return source.LoadXml(source.Files[fullPath]);
        }
        catch (ArchivePackageFormatException ex) when (ex.Error == ArchivePackageFormatError.Malformed)
        {
            problems.Add(new ArchiveVerificationProblem(displayPath, "mets.malformed", ex.Reason));
            return null;
        }
    }

    private static async Task<(string, string?, long)> HashAsync(PackageSource source, PackageEntry entry, bool withSha512, CancellationToken ct)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha512 = withSha512 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA512) : null;
        var buffer = ArrayPool<byte>.Shared.Rent(FixityCalculator.BufferSize);
        long size = 0;
        try
        {
            var stream = source.OpenRead(entry);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, FixityCalculator.BufferSize), ct).ConfigureAwait(false)) > 0)
                {
                    sha256.AppendData(buffer, 0, read);
                    sha512?.AppendData(buffer, 0, read);
                    size += read;
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, entry.Path, $"the entry cannot be read: {ex.Message}", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Convert.ToHexString(sha256.GetHashAndReset()), sha512 is null ? null : Convert.ToHexString(sha512.GetHashAndReset()), size);
    }
}
