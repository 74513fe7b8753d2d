namespace EDoc.Registers.Numbering;

/// <summary>
/// Composes the number and notation (số, ký hiệu) per NĐ 30/2020 Annex I: <c>{n}/{TYPE}-{ISSUER}[-{UNIT}]</c>;
/// công văn <c>{n}/{ISSUER}-{UNIT}</c>; legal normative <c>{n}/{yyyy}/{TYPE}-{ISSUER}</c>; number zero-padded below 10.
/// An advisory body's documents carry its abbreviation in place of the issuer's.
/// </summary>
/// <remarks>
/// Stand-in: the integrator replaces this class with the <c>DocumentNotation</c> rules of EDoc.Abstractions once
/// they exist. It produces a template with <see cref="NumberPlaceholder"/> because the number is only known inside
/// the issuing transaction.
/// </remarks>
internal static class NotationComposer
{
    public const string NumberPlaceholder = "{number}";

    public static bool IsOfficialLetter(string? typeAbbreviation)
        => string.IsNullOrWhiteSpace(typeAbbreviation) || string.Equals(typeAbbreviation.Trim(), "CV", StringComparison.Ordinal);

    public static string ComposeTemplate(OutgoingIssueRequest request, int year)
    {
        var issuer = Part(request.IssuerAbbreviation, "issuer abbreviation", nameof(request.IssuerAbbreviation))!;

        // An advisory body (Hội đồng, Ban, Tổ) issuing under the agency's seal writes its own abbreviation, e.g. 05/TB-HĐTS.
        if (Part(request.AdvisoryBody, "advisory body abbreviation", nameof(request.AdvisoryBody)) is { } advisory)
        {
            issuer = advisory;
        }
        var unit = Part(request.UnitAbbreviation, "unit abbreviation", nameof(request.UnitAbbreviation));
        if (IsOfficialLetter(request.TypeAbbreviation))
        {
            // Công văn: no type abbreviation; the drafting unit or field follows the issuer.
            return unit is null ? $"{NumberPlaceholder}/{issuer}" : $"{NumberPlaceholder}/{issuer}-{unit}";
        }

        var type = Part(request.TypeAbbreviation, "type abbreviation", nameof(request.TypeAbbreviation))!;
        if (request.Category == DocumentCategory.LegalNormative)
        {
            return $"{NumberPlaceholder}/{year:0000}/{type}-{issuer}";
        }

        return unit is null ? $"{NumberPlaceholder}/{type}-{issuer}" : $"{NumberPlaceholder}/{type}-{issuer}-{unit}";
    }

    public static string Apply(string template, int number)
        => template.Replace(NumberPlaceholder, DocumentNumberFormat.Format(number), StringComparison.Ordinal);

    private static string? Part(string? value, string what, string paramName)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim().Normalize(System.Text.NormalizationForm.FormC);
        if (trimmed.Length == 0)
        {
            return paramName == nameof(OutgoingIssueRequest.IssuerAbbreviation)
                ? throw new ArgumentException($"The {what} is empty.", paramName)
                : null;
        }

        if (trimmed.Length > 20)
        {
            throw new ArgumentException($"The {what} '{trimmed}' is longer than 20 characters.", paramName);
        }

        foreach (var c in trimmed)
        {
            if (!char.IsLetterOrDigit(c) && c != '.' && c != '&')
            {
                throw new ArgumentException($"The {what} '{trimmed}' contains '{c}'; only letters and digits are allowed (no space, '/' or '-').", paramName);
            }
        }

        return trimmed;
    }
}
