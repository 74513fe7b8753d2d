using System.Xml.Linq;
using EDoc.Archive.Metadata;
using EDoc.Archive.Verification;

namespace EDoc.Archive.Packages;

/// <summary>A document read back from a package.</summary>
/// <param name="Metadata">The document metadata.</param>
/// <param name="Path">The data file's path relative to the package root (NFC).</param>
/// <param name="FileName">The data file's name.</param>
/// <param name="MediaType">The media type recorded in METS.</param>
/// <param name="Size">The size recorded in METS.</param>
/// <param name="Sha256">The SHA-256 recorded in METS.</param>
public sealed record ArchivePackageDocument(DocumentMetadata Metadata, string Path, string FileName, string MediaType, long? Size, string? Sha256);

/// <summary>
/// An archival package opened for reading (ZIP or folder, optionally a BagIt bag): its id, kind, dossier metadata and
/// documents, whose files are read as streams. Does not verify checksums; use <see cref="ArchivePackageVerifier"/>.
/// </summary>
public sealed class ArchivePackage : IDisposable
{
    private readonly PackageSource _source;
    private readonly string _prefix;

    private ArchivePackage(PackageSource source, string prefix, string packageId, ArchivePackageKind kind, DossierMetadata dossier, ArchiveContentVariant variant, string? ruleSetId, IReadOnlyList<ArchivePackageDocument> documents)
    {
        _source = source;
        _prefix = prefix;
        PackageId = packageId;
        Kind = kind;
        Dossier = dossier;
        Variant = variant;
        RuleSetId = ruleSetId;
        Documents = documents;
    }

    /// <summary>The METS OBJID.</summary>
    public string PackageId { get; }

    /// <summary>SIP or AIP.</summary>
    public ArchivePackageKind Kind { get; }

    /// <summary>Whether the package is a BagIt bag.</summary>
    public bool IsBag => _prefix.Length > 0;

    /// <summary>The dossier metadata.</summary>
    public DossierMetadata Dossier { get; }

    /// <summary>Dossier or loose documents.</summary>
    public ArchiveContentVariant Variant { get; }

    /// <summary>The rule set named in the descriptive metadata.</summary>
    public string? RuleSetId { get; }

    /// <summary>The documents in package order.</summary>
    public IReadOnlyList<ArchivePackageDocument> Documents { get; }

    /// <summary>Opens a package.</summary>
    /// <param name="path">A ZIP file or a package folder.</param>
    /// <param name="options">Limits applied to the untrusted package.</param>
    /// <returns>The package; dispose it.</returns>
    /// <exception cref="ArchivePackageFormatException">The package is malformed or hostile.</exception>
    public static ArchivePackage Open(string path, ArchivePackageReadOptions? options = null)
    {
        var source = PackageSource.Open(path, options);
        try
        {
            var prefix = source.Files.ContainsKey("bagit.txt") ? "data/" : string.Empty;
            var root = Load(source, prefix, "METS.xml");
            var objId = (string?)root.Root?.Attribute("OBJID") ?? throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, "METS.xml", "mets/@OBJID is missing.");
            var kind = (string?)root.Root?.Element(MetsReader.Mets + "metsHdr")?.Attribute(MetsReader.Csip + "OAISPACKAGETYPE") == "AIP" ? ArchivePackageKind.Aip : ArchivePackageKind.Sip;
            var refs = MetsReader.References(root, "METS.xml", null);
            var dmd = refs.FirstOrDefault(r => r.Kind == "dmdSec")
                      ?? throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, "METS.xml", "the METS references no descriptive metadata.");
            var (dossier, variant, ruleSetId) = DescriptiveMetadataXml.ReadDossier(Load(source, prefix, dmd.Path), dmd.Path);
            var documents = new List<ArchivePackageDocument>();
            foreach (var rep in refs.Where(r => r.Use?.StartsWith("Representations", StringComparison.Ordinal) == true && r.Path.EndsWith("/METS.xml", StringComparison.Ordinal)))
            {
                var repDoc = Load(source, prefix, rep.Path);
                var repRefs = MetsReader.References(repDoc, rep.Path, null);
                var dmdById = repRefs.Where(r => r.Kind == "dmdSec").ToDictionary(r => r.ElementId, StringComparer.Ordinal);
                foreach (var file in repRefs.Where(r => r.Kind == "file"))
                {
                    DocumentMetadata metadata;
                    if (file.DmdId is { } dmdId && dmdById.TryGetValue(dmdId.Split(' ')[0], out var docRef))
                    {
                        metadata = DescriptiveMetadataXml.ReadDocument(Load(source, prefix, docRef.Path), docRef.Path).Document;
                    }
                    else
                    {
                        metadata = new DocumentMetadata { Ordinal = documents.Count + 1 };
                    }

                    documents.Add(new ArchivePackageDocument(metadata, file.Path, file.Path[(file.Path.LastIndexOf('/') + 1)..], file.MediaType ?? MediaTypes.FromFileName(file.Path), file.Size, file.Checksum));
                }
            }

            return new ArchivePackage(source, prefix, objId, kind, dossier, variant, ruleSetId, documents);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>The documents in chronological order (issue date, then ordinal), as NĐ 30/2020 exports require.</summary>
    /// <returns>The ordered documents.</returns>
    public IReadOnlyList<ArchivePackageDocument> ChronologicalDocuments()
        => Documents.OrderBy(d => d.Metadata.IssuedDate ?? DateOnly.MaxValue).ThenBy(d => d.Metadata.Ordinal).ThenBy(d => d.Path, StringComparer.Ordinal).ToList();

    /// <summary>Opens a document's file.</summary>
    /// <param name="document">A document of this package.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>A read-only stream.</returns>
    /// <exception cref="ArchivePackageFormatException">The file is missing.</exception>
    public Task<Stream> OpenDocumentAsync(ArchivePackageDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        cancellationToken.ThrowIfCancellationRequested();
        return _source.Files.TryGetValue(_prefix + document.Path, out var entry)
            ? Task.FromResult(_source.OpenRead(entry))
            : throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, document.Path, "the file referenced by METS is missing.");
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();

    private static XDocument Load(PackageSource source, string prefix, string path)
        => source.Files.TryGetValue(prefix + path, out var entry)
            ? source.LoadXml(entry)
            : throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, path, "the file referenced by METS is missing.");
}
