namespace EDoc.Documents;

/// <summary>The family a document type belongs to.</summary>
public enum DocumentTypeCategory
{
    /// <summary>Văn bản hành chính: the 29 administrative types of NĐ 30/2020/NĐ-CP article 7.</summary>
    Administrative = 0,

    /// <summary>Văn bản quy phạm pháp luật: legal normative documents (Luật Ban hành văn bản QPPL); the number carries the year.</summary>
    LegalNormative = 1,

    /// <summary>Bản sao: copy forms (sao y, trích sao, sao lục) of NĐ 30/2020 article 25.</summary>
    Copy = 2,

    /// <summary>Văn bản chuyên ngành: specialised documents whose rules are set by the head of a sector.</summary>
    Specialized = 3,
}

/// <summary>A document type (tên loại văn bản) and its abbreviation (chữ viết tắt) used in notations.</summary>
/// <param name="Code">A stable machine-readable key, for example <c>quyet-dinh</c>; unique within a catalog.</param>
/// <param name="Name">The Vietnamese name, for example <c>Quyết định</c> (at most 100 characters, <c>TypeName</c>).</param>
/// <param name="Abbreviation">
/// The abbreviation written in the notation (<c>QĐ</c>, <c>QyĐ</c>, <c>TTr</c> …), or <see langword="null"/> for types
/// that have none (công văn, thư công, luật).
/// </param>
/// <param name="Category">The family of the type.</param>
public sealed record DocumentType(string Code, string Name, string? Abbreviation, DocumentTypeCategory Category)
{
    /// <summary>Whether the notation of this type starts with a type abbreviation.</summary>
    public bool HasAbbreviation => !string.IsNullOrEmpty(Abbreviation);

    /// <summary>Whether the notation carries the year (legal normative documents).</summary>
    public bool NotationHasYear => Category == DocumentTypeCategory.LegalNormative;

    /// <summary>Returns the name and abbreviation, for example <c>Quyết định (QĐ)</c>.</summary>
    /// <returns>A display text.</returns>
    public override string ToString() => HasAbbreviation ? $"{Name} ({Abbreviation})" : Name;
}
