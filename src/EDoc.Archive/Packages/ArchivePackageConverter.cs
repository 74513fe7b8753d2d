using EDoc.Archive.Evidence;
using EDoc.Archive.Verification;

namespace EDoc.Archive.Packages;

/// <summary>
/// Converts a verified SIP into an AIP after the archive approved it (Thông tư 05/2025/TT-BNV): the documents and
/// metadata are carried over, every checksum recorded in the SIP is checked while copying (PREMIS fixity check),
/// signatures are validated again when an evidence provider is given, and the conversion is recorded as a PREMIS event.
/// </summary>
public sealed class ArchivePackageConverter
{
    private readonly ArchivePackageWriterOptions _options;
    private readonly ISignatureEvidenceProvider? _evidence;
    private readonly TimeProvider? _time;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The AIP writer options; <see cref="ArchivePackageWriterOptions.Kind"/> is forced to AIP.</param>
    /// <param name="evidenceProvider">Validates PDF signatures at ingest.</param>
    /// <param name="timeProvider">The clock.</param>
    public ArchivePackageConverter(ArchivePackageWriterOptions? options = null, ISignatureEvidenceProvider? evidenceProvider = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new ArchivePackageWriterOptions();
        _evidence = evidenceProvider;
        _time = timeProvider;
    }

    /// <summary>Converts a SIP (ZIP or folder) into an AIP ZIP.</summary>
    /// <param name="sipPath">The SIP.</param>
    /// <param name="aipZipPath">The AIP ZIP to write (atomically).</param>
    /// <param name="cancellationToken">Cancels the conversion.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="EDocValidationException">The SIP does not verify.</exception>
    public async Task<ArchivePackageResult> ConvertToAipZipAsync(string sipPath, string aipZipPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sipPath);
        ArgumentException.ThrowIfNullOrEmpty(aipZipPath);
        var report = await new ArchivePackageVerifier().VerifyAsync(sipPath, cancellationToken).ConfigureAwait(false);
        if (!report.IsValid)
        {
            throw new EDocValidationException("SIP " + sipPath, report.Errors.Select(p => new Validation.ValidationProblem(p.Path, p.Code, p.Message, p.Message)).ToList());
        }

        using var sip = ArchivePackage.Open(sipPath);
        if (sip.Kind != ArchivePackageKind.Sip)
        {
            throw new EDocPolicyException("archive.not-a-sip", $"The package {sip.PackageId} is an {sip.Kind}, not a SIP.");
        }

        var content = new ArchivePackageContent
        {
            Dossier = sip.Dossier,
            Variant = sip.Variant,
            SourcePackageId = sip.PackageId,
            Documents = sip.Documents.Select(d => new ArchiveDocumentContent(d.Metadata, d.FileName, ct => sip.OpenDocumentAsync(d, ct), null, d.MediaType) { ExpectedSha256 = d.Sha256 }).ToList(),
        };
        var options = new ArchivePackageWriterOptions
        {
            Kind = ArchivePackageKind.Aip,
            CreateBag = _options.CreateBag,
            SoftwareName = _options.SoftwareName,
            SoftwareVersion = _options.SoftwareVersion,
            AgencyName = _options.AgencyName,
            SubmissionAgreement = _options.SubmissionAgreement,
            PackageUuid = _options.PackageUuid,
            FondsCode = _options.FondsCode,
            RuleSet = _options.RuleSet,
            ValidateMetadata = _options.ValidateMetadata,
            DataCompression = _options.DataCompression,
            MaxDocuments = _options.MaxDocuments,
        };
        return await new ArchivePackageWriter(options, _evidence, _time).WriteZipAsync(content, aipZipPath, cancellationToken).ConfigureAwait(false);
    }
}
