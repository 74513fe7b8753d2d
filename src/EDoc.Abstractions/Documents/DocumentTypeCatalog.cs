using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace EDoc.Documents;

/// <summary>
/// An immutable catalog of document types, looked up by code, abbreviation and name. <see cref="Default"/> holds the
/// types of NĐ 30/2020 (administrative), the legal normative types and the copy forms; agencies extend it with their
/// own specialised types through the constructor or <see cref="With"/>.
/// </summary>
/// <remarks>
/// Lookups compare after NFC normalization and ignore case (ordinal), so <c>QĐ</c>, <c>qđ</c> and the decomposed
/// spellings match. Abbreviations can repeat across categories (<c>QĐ</c> is both the administrative and the legal
/// normative Quyết định), so abbreviation and name lookups take an optional category; without it the first entry in
/// catalog order wins (administrative types come first in <see cref="Default"/>).
/// </remarks>
public sealed class DocumentTypeCatalog
{
    private readonly DocumentType[] _entries;
    private readonly Dictionary<string, DocumentType> _byCode;

    /// <summary>Initializes a catalog with the given entries.</summary>
    /// <param name="entries">The types, in lookup priority order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or an entry is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An entry has a blank code or name, or two entries share a code.</exception>
    public DocumentTypeCatalog(IEnumerable<DocumentType> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.ToArray();
        All = Array.AsReadOnly(_entries);
        _byCode = new Dictionary<string, DocumentType>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            if (string.IsNullOrWhiteSpace(entry.Code) || string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new ArgumentException("Every document type needs a code and a name.", nameof(entries));
            }

            if (!_byCode.TryAdd(entry.Code, entry))
            {
                throw new ArgumentException($"The document type code '{entry.Code}' appears twice.", nameof(entries));
            }
        }
    }

    /// <summary>
    /// The built-in catalog: the 29 administrative types, the legal normative types and the copy forms (SY, TrS, SL).
    /// </summary>
    public static DocumentTypeCatalog Default { get; } =
        new(DocumentTypes.Administrative.Concat(DocumentTypes.LegalNormative).Concat(DocumentTypes.Copies));

    /// <summary>Every type, in lookup priority order.</summary>
    public IReadOnlyList<DocumentType> All { get; }

    /// <summary>Returns a new catalog with extra entries; an entry whose code already exists replaces the old one.</summary>
    /// <param name="entries">The entries to add or replace.</param>
    /// <returns>The new catalog; this one is unchanged.</returns>
    public DocumentTypeCatalog With(IEnumerable<DocumentType> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var extra = entries.ToArray();
        var replaced = new HashSet<string>(extra.Select(e => e?.Code ?? string.Empty), StringComparer.OrdinalIgnoreCase);
        return new DocumentTypeCatalog(_entries.Where(e => !replaced.Contains(e.Code)).Concat(extra));
    }

    /// <summary>Finds a type by its stable code.</summary>
    /// <param name="code">The code, for example <c>cong-van</c>.</param>
    /// <param name="type">The type, when found.</param>
    /// <returns>Whether a type has that code.</returns>
    public bool TryGetByCode(string? code, [NotNullWhen(true)] out DocumentType? type)
    {
        type = null;
        return code is not null && _byCode.TryGetValue(code, out type);
    }

    /// <summary>Finds a type by its abbreviation.</summary>
    /// <param name="abbreviation">The abbreviation, for example <c>QĐ</c> or <c>QyĐ</c>.</param>
    /// <param name="category">Restricts the search to one category, or <see langword="null"/> for the first match.</param>
    /// <param name="type">The type, when found.</param>
    /// <returns>Whether a type has that abbreviation.</returns>
    public bool TryGetByAbbreviation(string? abbreviation, DocumentTypeCategory? category, [NotNullWhen(true)] out DocumentType? type)
    {
        type = Find(abbreviation, category, static e => e.Abbreviation);
        return type is not null;
    }

    /// <summary>Every type with the abbreviation (for example both Quyết định for <c>QĐ</c>).</summary>
    /// <param name="abbreviation">The abbreviation.</param>
    /// <returns>The matching types, possibly none.</returns>
    public IReadOnlyList<DocumentType> FindByAbbreviation(string? abbreviation)
    {
        if (string.IsNullOrEmpty(abbreviation))
        {
            return [];
        }

        var key = Nfc(abbreviation);
        return _entries.Where(e => e.Abbreviation is not null && string.Equals(Nfc(e.Abbreviation), key, StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    /// <summary>Finds a type by its Vietnamese name (tên loại), for example <c>Công văn</c>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="category">Restricts the search to one category, or <see langword="null"/> for the first match.</param>
    /// <param name="type">The type, when found.</param>
    /// <returns>Whether a type has that name.</returns>
    public bool TryGetByName(string? name, DocumentTypeCategory? category, [NotNullWhen(true)] out DocumentType? type)
    {
        type = Find(name?.Trim(), category, static e => e.Name);
        return type is not null;
    }

    /// <summary>Whether the text is the abbreviation of some type in this catalog.</summary>
    /// <param name="abbreviation">The text.</param>
    /// <returns><see langword="true"/> when at least one type has it.</returns>
    public bool IsKnownAbbreviation(string? abbreviation) => TryGetByAbbreviation(abbreviation, null, out _);

    private DocumentType? Find(string? key, DocumentTypeCategory? category, Func<DocumentType, string?> selector)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        key = Nfc(key);
        foreach (var entry in _entries)
        {
            var value = selector(entry);
            if (value is not null && (category is null || entry.Category == category)
                && string.Equals(Nfc(value), key, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }

    private static string Nfc(string s) => s.IsNormalized(NormalizationForm.FormC) ? s : s.Normalize(NormalizationForm.FormC);
}
