using EDoc.Documents;
using EDoc.Numbering;

namespace EDoc.Registers.Numbering;

/// <summary>
/// Resolves the document type of an outgoing request and composes its notation with the rules of EDoc.Abstractions
/// (<see cref="NotationRules"/>): this class adds only what the register knows and the rules do not — the advisory
/// body written in place of the issuer, the drafting unit, and the secret-document qualifier.
/// </summary>
/// <remarks>
/// The number is only known inside the issuing transaction, so the store receives a template in which
/// <see cref="NumberPlaceholder"/> stands for the zero-padded number.
/// </remarks>
internal static class OutgoingNotation
{
    public const string NumberPlaceholder = "{number}";

    /// <summary>The type of a request: <see cref="OutgoingIssueRequest.DocumentType"/>, else its abbreviation looked up in the catalog.</summary>
    /// <returns>The type, or <see langword="null"/> for an abbreviation the catalog does not know (allowed unless <paramref name="requireKnownType"/>).</returns>
    public static DocumentType? ResolveType(OutgoingIssueRequest request, DocumentTypeCatalog catalog, bool requireKnownType)
    {
        if (request.DocumentType is { } explicitType)
        {
            return explicitType;
        }

        var abbreviation = request.TypeAbbreviation?.Trim();
        if (string.IsNullOrEmpty(abbreviation) || string.Equals(abbreviation, "CV", StringComparison.Ordinal))
        {
            // Công văn has no abbreviation in its notation; a law (Luật) has none either but carries the year.
            return request.Category == DocumentCategory.LegalNormative ? null : DocumentTypes.OfficialLetter;
        }

        if (catalog.TryGetByAbbreviation(abbreviation, ToTypeCategory(request.Category), out var type)
            || catalog.TryGetByAbbreviation(abbreviation, null, out type))
        {
            return type;
        }

        return requireKnownType
            ? throw new ArgumentException($"The type abbreviation '{abbreviation}' is not in the document type catalog (NĐ 30/2020 Annex III).", nameof(request))
            : null;
    }

    /// <summary>The request with type name, abbreviation and category taken from the resolved type.</summary>
    public static OutgoingIssueRequest Normalize(OutgoingIssueRequest request, DocumentType? type)
    {
        if (type is null)
        {
            return request;
        }

        return request with
        {
            TypeAbbreviation = type.HasAbbreviation ? type.Abbreviation : null,
            TypeName = string.IsNullOrWhiteSpace(request.TypeName) ? type.Name : request.TypeName,
            Category = FromTypeCategory(type.Category),
        };
    }

    public static string ComposeTemplate(OutgoingIssueRequest request, DocumentType? type, int year, string? secretQualifier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IssuerAbbreviation, nameof(request));
        Check(request.IssuerAbbreviation, "issuer abbreviation", nameof(request));
        Check(request.TypeAbbreviation, "type abbreviation", nameof(request));
        Check(request.UnitAbbreviation, "unit abbreviation", nameof(request));
        Check(request.AdvisoryBody, "advisory body abbreviation", nameof(request));

        // An advisory body (Hội đồng, Ban, Tổ) issuing under the agency's seal writes its own abbreviation, e.g. 05/TB-HĐTS.
        var issuer = Optional(request.AdvisoryBody) ?? request.IssuerAbbreviation.Trim();
        var qualifiers = new List<string>(2);
        if (Optional(request.UnitAbbreviation) is { } unit)
        {
            qualifiers.Add(unit);
        }

        if (request.IsSecret && Optional(secretQualifier) is { } secret)
        {
            qualifiers.Add(secret);
        }

        var legal = type?.NotationHasYear ?? request.Category == DocumentCategory.LegalNormative;
        DocumentNotation notation;
        try
        {
            notation = type is not null
                ? NotationRules.Compose(new DocumentNumber(1), type, issuer, legal ? year : null, qualifiers)
                : NotationRules.Create(new DocumentNumber(1), issuer, Optional(request.TypeAbbreviation), legal ? year : null, qualifiers);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The notation cannot be composed: {ex.Message}", nameof(request), ex);
        }

        if (notation.CodeNotation.Length > NotationRules.MaxCodeNotationLength)
        {
            throw new ArgumentException(
                $"The notation '{notation.CodeNotation}' is longer than {NotationRules.MaxCodeNotationLength} characters (NĐ 30/2020 Annex VI, CodeNotation).",
                nameof(request));
        }

        // "01/QĐ-UBND" → "{number}/QĐ-UBND": the number is the text before the first '/'.
        var value = notation.Value;
        return NumberPlaceholder + value[value.IndexOf('/', StringComparison.Ordinal)..];
    }

    public static string Apply(string template, int number)
        => template.Replace(NumberPlaceholder, new DocumentNumber(number).ToString(), StringComparison.Ordinal);

    /// <summary>The label of a type abbreviation in reports: <c>Công văn</c> when it has none.</summary>
    public static bool IsOfficialLetter(string? typeAbbreviation)
        => string.IsNullOrWhiteSpace(typeAbbreviation) || string.Equals(typeAbbreviation.Trim(), "CV", StringComparison.Ordinal);

    private static void Check(string? value, string what, string paramName)
    {
        if (Optional(value) is { } part && !NotationRules.IsValidGroup(part.Normalize(System.Text.NormalizationForm.FormC)))
        {
            throw new ArgumentException(
                $"The {what} '{part}' is not a valid notation group: use letters and digits (inner dots allowed), no spaces, '/' or '-'.", paramName);
        }
    }

    private static string? Optional(string? value)
        => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DocumentTypeCategory ToTypeCategory(DocumentCategory category) => category switch
    {
        DocumentCategory.LegalNormative => DocumentTypeCategory.LegalNormative,
        DocumentCategory.Specialized => DocumentTypeCategory.Specialized,
        DocumentCategory.Copy => DocumentTypeCategory.Copy,
        _ => DocumentTypeCategory.Administrative,
    };

    private static DocumentCategory FromTypeCategory(DocumentTypeCategory category) => category switch
    {
        DocumentTypeCategory.LegalNormative => DocumentCategory.LegalNormative,
        DocumentTypeCategory.Specialized => DocumentCategory.Specialized,
        DocumentTypeCategory.Copy => DocumentCategory.Copy,
        _ => DocumentCategory.Administrative,
    };
}
