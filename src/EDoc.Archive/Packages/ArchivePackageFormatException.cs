namespace EDoc.Archive.Packages;

/// <summary>Why an archival package cannot be read safely.</summary>
public enum ArchivePackageFormatError
{
    /// <summary>The package or one of its XML files is malformed.</summary>
    Malformed,

    /// <summary>An entry name climbs out of the package (<c>..</c>).</summary>
    PathTraversal,

    /// <summary>An entry name is absolute (<c>/x</c>, <c>C:\x</c>, <c>\\server</c>).</summary>
    AbsolutePath,

    /// <summary>An entry is a symbolic link.</summary>
    SymbolicLink,

    /// <summary>An entry or the whole archive expands beyond the size or ratio limits (zip bomb).</summary>
    ZipBomb,

    /// <summary>A file name is not allowed (reserved device name, control character, invalid character).</summary>
    InvalidName,

    /// <summary>Two names differ only by Unicode normalisation (NFC/NFD) or letter case.</summary>
    DuplicateName,

    /// <summary>The archive does not unpack to exactly one root folder (CSIPSTR1).</summary>
    NotSingleRootFolder,

    /// <summary>Too many entries.</summary>
    TooManyEntries,

    /// <summary>A file's checksum is not the one expected.</summary>
    ChecksumMismatch,
}

/// <summary>An archival package (ZIP or folder) that is malformed or hostile; names the entry and the problem.</summary>
public sealed class ArchivePackageFormatException : EDocFormatException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="error">The kind of problem.</param>
    /// <param name="location">The entry or path concerned.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ArchivePackageFormatException(ArchivePackageFormatError error, string? location, string message, Exception? innerException = null)
        : base("ArchivePackage", location, message, innerException)
    {
        Error = error;
    }

    /// <summary>The kind of problem.</summary>
    public ArchivePackageFormatError Error { get; }

    /// <inheritdoc />
    public override string ErrorCode => "archive.package." + Error switch
    {
        ArchivePackageFormatError.PathTraversal => "path-traversal",
        ArchivePackageFormatError.AbsolutePath => "absolute-path",
        ArchivePackageFormatError.SymbolicLink => "symbolic-link",
        ArchivePackageFormatError.ZipBomb => "zip-bomb",
        ArchivePackageFormatError.InvalidName => "invalid-name",
        ArchivePackageFormatError.DuplicateName => "duplicate-name",
        ArchivePackageFormatError.NotSingleRootFolder => "not-single-root-folder",
        ArchivePackageFormatError.TooManyEntries => "too-many-entries",
        ArchivePackageFormatError.ChecksumMismatch => "checksum-mismatch",
        _ => "malformed",
    };
}
