using EDoc.Archive.Packages;
using EDoc.Validation;

namespace EDoc.Archive.Verification;

/// <summary>One problem found while verifying a package.</summary>
/// <param name="Path">The file or METS element concerned (package-relative path, optionally <c>#element</c>).</param>
/// <param name="Code">A stable code, for example <c>file.checksum-mismatch</c>, <c>file.missing</c>, <c>csip.CSIP1</c>, <c>bagit.oxum</c>, <c>metadata.required</c>.</param>
/// <param name="Message">The problem in English.</param>
/// <param name="Severity">Error or warning (a SHOULD of CSIP).</param>
/// <param name="RequirementId">The E-ARK CSIP requirement id (for example <c>CSIP9</c>, <c>CSIPSTR4</c>), when the problem breaks one.</param>
public sealed record ArchiveVerificationProblem(string Path, string Code, string Message, ValidationSeverity Severity = ValidationSeverity.Error, string? RequirementId = null);

/// <summary>The state of one file after verification.</summary>
public enum ArchiveFileStatus
{
    /// <summary>Present, referenced, with the recorded size and checksum.</summary>
    Intact,

    /// <summary>Referenced in METS but absent.</summary>
    Missing,

    /// <summary>Present but referenced by no METS file (nor BagIt manifest).</summary>
    Extra,

    /// <summary>Present under a name METS does not know, with the checksum of a missing file.</summary>
    Renamed,

    /// <summary>The checksum differs from the recorded one (content modified, or METS edited).</summary>
    ChecksumMismatch,

    /// <summary>The size differs from the recorded one.</summary>
    SizeMismatch,
}

/// <summary>The verification result of one file.</summary>
/// <param name="Path">The package-relative path (NFC).</param>
/// <param name="Status">The state.</param>
/// <param name="Size">The actual size, if present.</param>
/// <param name="ExpectedSha256">The checksum recorded in METS, if referenced.</param>
/// <param name="ActualSha256">The checksum computed, if present.</param>
public sealed record ArchiveFileCheck(string Path, ArchiveFileStatus Status, long? Size, string? ExpectedSha256, string? ActualSha256);

/// <summary>The outcome of verifying a package: every problem, and the state of every file.</summary>
public sealed class ArchiveVerificationReport
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="source">The package path verified.</param>
    /// <param name="packageId">The METS OBJID, if it could be read.</param>
    /// <param name="kind">SIP or AIP, if it could be read.</param>
    /// <param name="isBag">Whether the package is a BagIt bag.</param>
    /// <param name="problems">Every problem.</param>
    /// <param name="files">Every file.</param>
    public ArchiveVerificationReport(string source, string? packageId, ArchivePackageKind? kind, bool isBag, IReadOnlyList<ArchiveVerificationProblem> problems, IReadOnlyList<ArchiveFileCheck> files)
    {
        Source = source;
        PackageId = packageId;
        Kind = kind;
        IsBag = isBag;
        Problems = problems;
        Files = files;
    }

    /// <summary>The package path verified.</summary>
    public string Source { get; }

    /// <summary>The METS OBJID, if it could be read.</summary>
    public string? PackageId { get; }

    /// <summary>SIP or AIP, if it could be read.</summary>
    public ArchivePackageKind? Kind { get; }

    /// <summary>Whether the package is a BagIt bag.</summary>
    public bool IsBag { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ArchiveVerificationProblem> Problems { get; }

    /// <summary>Every file and its state.</summary>
    public IReadOnlyList<ArchiveFileCheck> Files { get; }

    /// <summary>No file is missing, extra, renamed or modified, and the BagIt manifests and PREMIS fixity (if any) agree with the files.</summary>
    public bool IsIntact => Files.All(f => f.Status == ArchiveFileStatus.Intact)
                            && !Problems.Any(p => p.Severity == ValidationSeverity.Error && (p.Code.StartsWith("file.", StringComparison.Ordinal) || p.Code.StartsWith("bagit.", StringComparison.Ordinal) || p.Code.StartsWith("premis.", StringComparison.Ordinal)));

    /// <summary>Intact, and no error in structure (CSIP), METS or metadata; warnings allowed.</summary>
    public bool IsValid => IsIntact && !Problems.Any(p => p.Severity == ValidationSeverity.Error);

    /// <summary>The errors.</summary>
    public IEnumerable<ArchiveVerificationProblem> Errors => Problems.Where(p => p.Severity == ValidationSeverity.Error);
}
