using System.Text;

namespace EDoc.Archive.Packages;

/// <summary>
/// File-name rules of archival packages: names are stored in Unicode NFC (TCVN 6909:2001 "dựng sẵn"), compared
/// after NFC normalisation (a macOS NFD copy is the same name), ordered by the ordinal of their NFC form, and
/// refused when they climb out of the package, are absolute, contain control or Windows-invalid characters, or use
/// a reserved device name (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9).
/// </summary>
public static class ArchiveFileNames
{
    /// <summary>The comparer of names: ordinal on the NFC form.</summary>
    public static StringComparer Comparer { get; } = new NfcOrdinalComparer();

    /// <summary>Returns the NFC form of a name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The NFC form.</returns>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.IsNormalized(NormalizationForm.FormC) ? name : name.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Checks one file name (a single path segment).</summary>
    /// <param name="name">The name.</param>
    /// <returns>An English reason, or <see langword="null"/> when the name is allowed.</returns>
    public static string? GetNameProblem(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "the name is empty";
        }

        if (name is "." or "..")
        {
            return "the name climbs out of its folder";
        }

        if (Encoding.UTF8.GetByteCount(name) > 255)
        {
            return "the name is longer than 255 bytes in UTF-8";
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                return "the name contains a control character (CR, LF, TAB…)";
            }

            if (c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                return $"the name contains the character '{c}'";
            }
        }

        if (name.EndsWith('.') || name.EndsWith(' ') || name.StartsWith(' '))
        {
            return "the name starts with a space or ends with a dot or a space";
        }

        var stem = name.Split('.')[0].TrimEnd();
        if (IsReservedDeviceName(stem))
        {
            return $"'{stem}' is a reserved device name";
        }

        return null;
    }

    /// <summary>Checks a relative path (segments separated by <c>/</c>).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The kind of problem and an English reason, or <see langword="null"/>.</returns>
    public static (ArchivePackageFormatError Error, string Reason)? GetPathProblem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return (ArchivePackageFormatError.InvalidName, "the path is empty");
        }

        if (path[0] is '/' or '\\' || (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0])))
        {
            return (ArchivePackageFormatError.AbsolutePath, "the path is absolute");
        }

        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment == "..")
            {
                return (ArchivePackageFormatError.PathTraversal, "the path climbs out of the package (..)");
            }

            if (GetNameProblem(segment) is { } reason)
            {
                return (ArchivePackageFormatError.InvalidName, reason);
            }
        }

        return null;
    }

    /// <summary>Throws when a name is not allowed.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The NFC form of the name.</returns>
    /// <exception cref="ArchivePackageFormatException">The name is not allowed.</exception>
    public static string EnsureValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nfc = Normalize(name);
        return GetNameProblem(nfc) is { } reason
            ? throw new ArchivePackageFormatException(ArchivePackageFormatError.InvalidName, name, reason + ".")
            : nfc;
    }

    /// <summary>Throws when two names are equal after NFC normalisation or differ only by letter case.</summary>
    /// <param name="names">The names.</param>
    /// <exception cref="ArchivePackageFormatException">Two names collide.</exception>
    public static void EnsureDistinct(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var exact = new Dictionary<string, string>(StringComparer.Ordinal);
        var folded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var nfc = Normalize(name);
            if (exact.TryGetValue(nfc, out var first))
            {
                var why = string.Equals(first, name, StringComparison.Ordinal)
                    ? "the name is used twice"
                    : "two names differ only by Unicode normalisation (NFC/NFD)";
                throw new ArchivePackageFormatException(ArchivePackageFormatError.DuplicateName, name, why + $" ('{first}').");
            }

            exact[nfc] = name;
            var lower = nfc.ToUpperInvariant();
            if (folded.TryGetValue(lower, out var other))
            {
                throw new ArchivePackageFormatException(ArchivePackageFormatError.DuplicateName, name, $"two names differ only by letter case ('{other}'); they collide on Windows and macOS.");
            }

            folded[lower] = name;
        }
    }

    internal static bool IsReservedDeviceName(string stem)
    {
        if (stem.Length is < 3 or > 4)
        {
            return false;
        }

        var upper = stem.ToUpperInvariant();
        if (upper is "CON" or "PRN" or "AUX" or "NUL")
        {
            return true;
        }

        return upper.Length == 4 && (upper.StartsWith("COM", StringComparison.Ordinal) || upper.StartsWith("LPT", StringComparison.Ordinal))
               && upper[3] is >= '1' and <= '9' or '¹' or '²' or '³';
    }

    private sealed class NfcOrdinalComparer : StringComparer
    {
        public override int Compare(string? x, string? y)
            => string.CompareOrdinal(x is null ? null : Normalize(x), y is null ? null : Normalize(y));

        public override bool Equals(string? x, string? y)
            => string.Equals(x is null ? null : Normalize(x), y is null ? null : Normalize(y), StringComparison.Ordinal);

        public override int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(Normalize(obj));
    }
}
