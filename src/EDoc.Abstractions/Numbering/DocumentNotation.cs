using System.Diagnostics.CodeAnalysis;
using EDoc.Documents;

namespace EDoc.Numbering;

/// <summary>
/// Số, ký hiệu văn bản: the number and notation of a document, for example <c>15/QĐ-BNV</c> (administrative),
/// <c>123/UBND-VX</c> (công văn: issuer then drafting unit or field), <c>08/2018/QĐ-UBND</c> (legal normative: the
/// year is included) or <c>05/SY-VP</c> (a copy).
/// </summary>
/// <remarks>
/// <para>
/// The composition rules of NĐ 30/2020/NĐ-CP live in <see cref="NotationRules"/>. The notation is made of
/// hyphen-separated groups: an optional type abbreviation (<see cref="TypeAbbreviation"/>), the issuer
/// (<see cref="Issuer"/>), then further groups (<see cref="Qualifiers"/>: the drafting unit or field of a công văn,
/// co-issuers of a joint document …).
/// </para>
/// <para>
/// Whether the first group is a type abbreviation cannot always be told from the text alone (<c>CT</c> is both
/// Chỉ thị and the usual abbreviation of Cục Thuế), so the parser takes the document type when it is known; without it
/// the first of at least two groups counts as a type abbreviation when the catalog knows it.
/// </para>
/// <para>
/// In JSON a notation is written as its text and read back without a type hint, so a công văn whose issuer
/// abbreviation is also a type abbreviation is read as that type; re-parse with the document type when it matters.
/// </para>
/// <para>Equality compares the text (<see cref="Value"/>, ordinal) and <see cref="TypeAbbreviation"/>.</para>
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(DocumentNotationJsonConverter))]
public sealed class DocumentNotation : IEquatable<DocumentNotation>, ISpanParsable<DocumentNotation>
{
    internal DocumentNotation(DocumentNumber number, int? year, string? typeAbbreviation, string issuer, string[] qualifiers)
    {
        Number = number;
        Year = year;
        TypeAbbreviation = typeAbbreviation;
        Issuer = issuer;
        Qualifiers = Array.AsReadOnly(qualifiers);
        var groups = string.Join('-', (typeAbbreviation is null ? [] : new[] { typeAbbreviation }).Append(issuer).Concat(qualifiers));
        CodeNotation = year is null ? groups : $"{year.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{groups}";
        Value = $"{number}/{CodeNotation}";
    }

    /// <summary>The number (số), for example 8 (written <c>08</c>).</summary>
    public DocumentNumber Number { get; }

    /// <summary>The year written in the notation (legal normative documents only), or <see langword="null"/>.</summary>
    public int? Year { get; }

    /// <summary>The type abbreviation (<c>QĐ</c>, <c>TTr</c>, <c>SY</c> …), or <see langword="null"/> (công văn, luật).</summary>
    public string? TypeAbbreviation { get; }

    /// <summary>The abbreviation of the issuing agency or title (<c>BNV</c>, <c>UBND</c>, <c>TTg</c>, <c>QH15</c>).</summary>
    public string Issuer { get; }

    /// <summary>The groups after the issuer: drafting unit or field of a công văn (<c>VX</c>), co-issuers … Possibly empty.</summary>
    public IReadOnlyList<string> Qualifiers { get; }

    /// <summary>The number as written (<c>CodeNumber</c>), for example <c>08</c>.</summary>
    public string CodeNumber => Number.ToString();

    /// <summary>
    /// Everything after the number and its slash (<c>CodeNotation</c>, at most 30 characters in NĐ 30/2020 Annex VI),
    /// for example <c>QĐ-BNV</c> or <c>2018/QĐ-UBND</c>.
    /// </summary>
    public string CodeNotation { get; }

    /// <summary>The full text, for example <c>08/2018/QĐ-UBND</c>.</summary>
    public string Value { get; }

    /// <summary>Parses a number and notation.</summary>
    /// <param name="s">
    /// The text, for example <c>15/QĐ-BNV</c>. Leading <c>Số:</c>, NFD input, spaces around <c>/</c> and <c>-</c>,
    /// en dashes and a known type abbreviation in another case (<c>qđ</c>) are accepted; the result is canonical.
    /// </param>
    /// <param name="type">The document type when known (decides whether the first group is a type abbreviation).</param>
    /// <param name="catalog">The catalog of known abbreviations; <see cref="DocumentTypeCatalog.Default"/> when <see langword="null"/>.</param>
    /// <returns>The notation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocFormatException">The text is not a valid number and notation.</exception>
    public static DocumentNotation Parse(string s, DocumentType? type = null, DocumentTypeCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), type, catalog);
    }

    /// <summary>Parses a number and notation.</summary>
    /// <param name="s">The text.</param>
    /// <param name="type">The document type when known.</param>
    /// <param name="catalog">The catalog of known abbreviations; the default when <see langword="null"/>.</param>
    /// <returns>The notation.</returns>
    /// <exception cref="EDocFormatException">The text is not a valid number and notation.</exception>
    public static DocumentNotation Parse(ReadOnlySpan<char> s, DocumentType? type = null, DocumentTypeCatalog? catalog = null)
    {
        if (NotationRules.TryParse(s, type, catalog ?? DocumentTypeCatalog.Default, out var result, out var error))
        {
            return result;
        }

        throw new EDocFormatException("DocumentNotation", null, $"'{InputText.Show(s)}' is not a valid document number and notation (số, ký hiệu): {InputText.Show(error, 300)}");
    }

    /// <summary>Tries to parse a number and notation.</summary>
    /// <param name="s">The text; <see langword="null"/> gives <see langword="false"/>.</param>
    /// <param name="result">The notation, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out DocumentNotation? result)
        => TryParse(s, null, null, out result);

    /// <summary>Tries to parse a number and notation.</summary>
    /// <param name="s">The text; <see langword="null"/> gives <see langword="false"/>.</param>
    /// <param name="type">The document type when known.</param>
    /// <param name="catalog">The catalog of known abbreviations; the default when <see langword="null"/>.</param>
    /// <param name="result">The notation, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, DocumentType? type, DocumentTypeCatalog? catalog, [NotNullWhen(true)] out DocumentNotation? result)
    {
        result = null;
        return s is not null && NotationRules.TryParse(s, type, catalog ?? DocumentTypeCatalog.Default, out result, out _);
    }

    /// <summary>Tries to parse a number and notation.</summary>
    /// <param name="s">The text.</param>
    /// <param name="type">The document type when known.</param>
    /// <param name="catalog">The catalog of known abbreviations; the default when <see langword="null"/>.</param>
    /// <param name="result">The notation, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, DocumentType? type, DocumentTypeCatalog? catalog, [NotNullWhen(true)] out DocumentNotation? result)
        => NotationRules.TryParse(s, type, catalog ?? DocumentTypeCatalog.Default, out result, out _);

    /// <inheritdoc />
    static DocumentNotation IParsable<DocumentNotation>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool IParsable<DocumentNotation>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out DocumentNotation result)
        => TryParse(s, out result);

    /// <inheritdoc />
    static DocumentNotation ISpanParsable<DocumentNotation>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool ISpanParsable<DocumentNotation>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out DocumentNotation result)
        => TryParse(s, null, null, out result);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The full number and notation.</returns>
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(DocumentNotation? other)
        => other is not null
           && string.Equals(Value, other.Value, StringComparison.Ordinal)
           && string.Equals(TypeAbbreviation, other.TypeAbbreviation, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DocumentNotation);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Equality.</summary>
    /// <param name="left">A notation or <see langword="null"/>.</param>
    /// <param name="right">A notation or <see langword="null"/>.</param>
    /// <returns>Whether both are equal.</returns>
    public static bool operator ==(DocumentNotation? left, DocumentNotation? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">A notation or <see langword="null"/>.</param>
    /// <param name="right">A notation or <see langword="null"/>.</param>
    /// <returns>Whether both differ.</returns>
    public static bool operator !=(DocumentNotation? left, DocumentNotation? right) => !(left == right);
}
