using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using EDoc.Documents;
using EDoc.Validation;

namespace EDoc.Numbering;

/// <summary>
/// The composition rules of số, ký hiệu văn bản (NĐ 30/2020/NĐ-CP Annex I §II.3 and the Law on Promulgation of Legal
/// Documents), in one place: parsing, composing and checking a <see cref="DocumentNotation"/> against its type.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Administrative document with a type name: <c>{n}/{TYPE}-{ISSUER}</c>, e.g. <c>15/QĐ-BNV</c>; no year.</item>
/// <item>Công văn (no type abbreviation): <c>{n}/{ISSUER}-{DRAFTING UNIT or FIELD}</c>, e.g. <c>123/UBND-VX</c>.</item>
/// <item>Legal normative document: <c>{n}/{yyyy}/{TYPE}-{ISSUER}</c>, e.g. <c>08/2018/QĐ-UBND</c>, or without a type
/// abbreviation for laws: <c>33/2024/QH15</c>.</item>
/// <item>Copy: <c>{n}/{SY|TrS|SL}-{ISSUER}</c>.</item>
/// <item>The number is zero-padded below 10; <c>/</c> separates number, year and notation; <c>-</c> separates the
/// groups; no spaces.</item>
/// </list>
/// </remarks>
public static class NotationRules
{
    /// <summary>The longest input the parser looks at (characters).</summary>
    public const int MaxInputLength = 64;

    /// <summary>The longest <see cref="DocumentNotation.CodeNotation"/>: 30 characters (NĐ 30/2020 Annex VI).</summary>
    public const int MaxCodeNotationLength = 30;

    /// <summary>The earliest year accepted in a notation or a document date: 1945.</summary>
    public const int MinYear = 1945;

    /// <summary>Creates a notation from its parts, checking only the syntax of each part.</summary>
    /// <param name="number">The number.</param>
    /// <param name="issuer">The issuer abbreviation, for example <c>UBND</c>.</param>
    /// <param name="typeAbbreviation">The type abbreviation, or <see langword="null"/>.</param>
    /// <param name="year">The year (legal normative documents), or <see langword="null"/>.</param>
    /// <param name="qualifiers">The groups after the issuer, or <see langword="null"/>.</param>
    /// <returns>The notation.</returns>
    /// <exception cref="ArgumentException">A part is empty, contains characters other than letters, digits and inner dots, or the year is out of range.</exception>
    public static DocumentNotation Create(DocumentNumber number, string issuer, string? typeAbbreviation = null, int? year = null, IEnumerable<string>? qualifiers = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (number.Value <= 0)
        {
            throw new ArgumentException("The number must be 1 or more.", nameof(number));
        }

        if (year is { } y && (y < MinYear || y > 9999))
        {
            throw new ArgumentOutOfRangeException(nameof(year), y, $"The year must be between {MinYear} and 9999.");
        }

        issuer = CheckGroup(issuer, nameof(issuer));
        typeAbbreviation = typeAbbreviation is null ? null : CheckGroup(typeAbbreviation, nameof(typeAbbreviation));
        var rest = (qualifiers ?? []).Select(q => CheckGroup(q, nameof(qualifiers))).ToArray();
        return new DocumentNotation(number, year, typeAbbreviation, issuer, rest);
    }

    /// <summary>Composes the notation of a document of a given type, applying the rules of NĐ 30/2020.</summary>
    /// <param name="number">The number.</param>
    /// <param name="type">The document type; its abbreviation (if any) is written first.</param>
    /// <param name="issuer">The abbreviation of the issuing agency or title, for example <c>BNV</c>.</param>
    /// <param name="year">The year: required for legal normative documents, not allowed otherwise.</param>
    /// <param name="qualifiers">
    /// Groups after the issuer: for a công văn the drafting unit or field (<c>VX</c>), otherwise rarely needed.
    /// </param>
    /// <returns>The notation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> or <paramref name="issuer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The year is missing for a legal normative document, given for another type, or a part is malformed.</exception>
    public static DocumentNotation Compose(DocumentNumber number, DocumentType type, string issuer, int? year = null, IEnumerable<string>? qualifiers = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.NotationHasYear && year is null)
        {
            throw new ArgumentException($"A legal normative document ({type.Name}) carries the year in its notation.", nameof(year));
        }

        if (!type.NotationHasYear && year is not null)
        {
            throw new ArgumentException($"A {type.Name} is not a legal normative document; its notation does not carry the year (NĐ 30/2020 Annex I).", nameof(year));
        }

        return Create(number, issuer, type.HasAbbreviation ? type.Abbreviation : null, year, qualifiers);
    }

    /// <summary>Checks a notation against the rules for its document type.</summary>
    /// <param name="notation">The notation.</param>
    /// <param name="type">The document type.</param>
    /// <param name="issueDate">The issue date, to check the year of a legal normative document; optional.</param>
    /// <returns>Every problem found (codes <c>notation.type-mismatch</c>, <c>notation.year-required</c>,
    /// <c>notation.year-not-allowed</c>, <c>notation.year-mismatch</c>, <c>notation.drafting-unit-missing</c> (warning),
    /// <c>length</c>).</returns>
    public static ValidationResult Validate(DocumentNotation notation, DocumentType type, DateOnly? issueDate = null)
    {
        ArgumentNullException.ThrowIfNull(notation);
        ArgumentNullException.ThrowIfNull(type);
        var collector = new ValidationProblemCollector();
        Check(collector, "Notation", notation, type, issueDate);
        return collector.ToResult();
    }

    /// <summary>Whether a text is a valid notation group: letters (any script, after NFC) and digits, with dots allowed inside.</summary>
    /// <param name="group">The group, for example <c>QĐ</c> or <c>QH15</c>.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidGroup(ReadOnlySpan<char> group)
    {
        if (group.IsEmpty || group[0] == '.' || group[^1] == '.')
        {
            return false;
        }

        var hasLetter = false;
        foreach (var c in group)
        {
            if (char.IsLetter(c))
            {
                hasLetter = true;
            }
            else if (!char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        return hasLetter;
    }

    internal static void Check(ValidationProblemCollector collector, string path, DocumentNotation notation, DocumentType type, DateOnly? issueDate)
    {
        if (type.HasAbbreviation)
        {
            if (!string.Equals(Nfc(notation.TypeAbbreviation), Nfc(type.Abbreviation), StringComparison.OrdinalIgnoreCase))
            {
                collector.Error(
                    path,
                    "notation.type-mismatch",
                    $"The notation of a {type.Name} starts with '{type.Abbreviation}', but '{notation.Value}' does not.",
                    $"Ký hiệu của {type.Name} phải bắt đầu bằng '{type.Abbreviation}', nhưng '{notation.Value}' thì không.");
            }
        }
        else if (notation.TypeAbbreviation is not null)
        {
            collector.Error(
                path,
                "notation.type-mismatch",
                $"A {type.Name} has no type abbreviation, but '{notation.Value}' starts with '{notation.TypeAbbreviation}'.",
                $"{type.Name} không có chữ viết tắt tên loại, nhưng '{notation.Value}' bắt đầu bằng '{notation.TypeAbbreviation}'.");
        }

        if (type.NotationHasYear && notation.Year is null)
        {
            collector.Error(
                path,
                "notation.year-required",
                $"A legal normative document ({type.Name}) carries the year in its notation: {{number}}/{{year}}/…, '{notation.Value}' does not.",
                $"Văn bản quy phạm pháp luật ({type.Name}) phải ghi năm ban hành trong số, ký hiệu: '{notation.Value}' không có.");
        }
        else if (!type.NotationHasYear && notation.Year is not null)
        {
            collector.Error(
                path,
                "notation.year-not-allowed",
                $"A {type.Name} is not a legal normative document; its notation does not carry the year ('{notation.Value}').",
                $"{type.Name} không phải văn bản quy phạm pháp luật; số, ký hiệu không ghi năm ('{notation.Value}').");
        }
        else if (notation.Year is { } year && issueDate is { } date && date.Year != year)
        {
            collector.Error(
                path,
                "notation.year-mismatch",
                $"The notation '{notation.Value}' carries the year {year}, but the document was issued in {date.Year}.",
                $"Số, ký hiệu '{notation.Value}' ghi năm {year}, nhưng văn bản ban hành năm {date.Year}.");
        }

        if (type.Category == DocumentTypeCategory.Administrative && !type.HasAbbreviation && notation.Qualifiers.Count == 0)
        {
            collector.Warning(
                path,
                "notation.drafting-unit-missing",
                $"The notation of a {type.Name} names the issuer and then the drafting unit or field, e.g. 123/UBND-VX; '{notation.Value}' has no drafting unit.",
                $"Ký hiệu {type.Name} gồm chữ viết tắt tên cơ quan ban hành và tên đơn vị soạn thảo hoặc lĩnh vực, ví dụ 123/UBND-VX; '{notation.Value}' thiếu đơn vị soạn thảo.");
        }

        collector.MaxLength(path + ".CodeNotation", notation.CodeNotation, MaxCodeNotationLength);
    }

    internal static bool TryParse(ReadOnlySpan<char> s, DocumentType? type, DocumentTypeCatalog catalog, [NotNullWhen(true)] out DocumentNotation? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (s.Length > MaxInputLength)
        {
            error = $"the text has {s.Length} characters; at most {MaxInputLength} are allowed.";
            return false;
        }

        string text;
        try
        {
            text = s.Trim().ToString().Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            error = "the text is not valid Unicode.";
            return false;
        }

        text = StripNumberPrefix(text);
        if (text.Length == 0)
        {
            error = "the text is empty. Expected e.g. 15/QĐ-BNV, 123/UBND-VX or 08/2018/QĐ-UBND.";
            return false;
        }

        text = text.Replace('\u2010', '-').Replace('\u2011', '-').Replace('\u2012', '-').Replace('\u2013', '-').Replace('\u2014', '-');
        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3)
        {
            error = "expected {number}/{notation} or {number}/{year}/{notation}, e.g. 15/QĐ-BNV or 08/2018/QĐ-UBND.";
            return false;
        }

        if (!DocumentNumber.TryParse(parts[0], out var number))
        {
            error = $"the number '{parts[0]}' must be a positive number of at most {DocumentNumber.MaxLength} digits.";
            return false;
        }

        int? year = null;
        if (parts.Length == 3)
        {
            if (parts[1].Length != 4 || parts[1].AsSpan().ContainsAnyExceptInRange('0', '9')
                || int.Parse(parts[1], CultureInfo.InvariantCulture) < MinYear)
            {
                error = $"the year '{parts[1]}' must be 4 digits, {MinYear} or later.";
                return false;
            }

            year = int.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        var groups = parts[^1].Split('-', StringSplitOptions.TrimEntries);
        for (var i = 0; i < groups.Length; i++)
        {
            if (!IsValidGroup(groups[i]))
            {
                error = groups[i].Length == 0
                    ? $"group {i + 1} of the notation '{parts[^1]}' is empty."
                    : $"group {i + 1} of the notation, '{groups[i]}', may contain only letters, digits and inner dots.";
                return false;
            }
        }

        string? typeAbbreviation = null;
        if (type is not null && type.HasAbbreviation)
        {
            if (groups.Length < 2 || !string.Equals(groups[0], Nfc(type.Abbreviation), StringComparison.OrdinalIgnoreCase))
            {
                error = $"the notation of a {type.Name} is {type.Abbreviation}-{{issuer}}, found '{parts[^1]}'.";
                return false;
            }

            typeAbbreviation = Nfc(type.Abbreviation);
        }
        else if (type is null && groups.Length >= 2 && catalog.TryGetByAbbreviation(groups[0], null, out var known))
        {
            typeAbbreviation = Nfc(known.Abbreviation);
        }

        var start = typeAbbreviation is null ? 0 : 1;
        result = new DocumentNotation(number, year, typeAbbreviation, groups[start], groups[(start + 1)..]);
        error = null;
        return true;
    }

    private static string StripNumberPrefix(string text)
    {
        // "Số: 15/QĐ-BNV" or "Số 15/QĐ-BNV" as printed on the document.
        if (text.Length > 2 && text.StartsWith("Số", StringComparison.OrdinalIgnoreCase) && (text[2] == ':' || char.IsWhiteSpace(text[2])))
        {
            return text[3..].TrimStart();
        }

        return text;
    }

    private static string CheckGroup(string group, string paramName)
    {
        ArgumentNullException.ThrowIfNull(group, paramName);
        var normalized = group.Normalize(NormalizationForm.FormC);
        if (!IsValidGroup(normalized))
        {
            throw new ArgumentException($"'{group}' is not a valid notation group: use letters, digits and inner dots only.", paramName);
        }

        return normalized;
    }

    [return: NotNullIfNotNull(nameof(s))]
    private static string? Nfc(string? s) => s is null || s.IsNormalized(NormalizationForm.FormC) ? s : s.Normalize(NormalizationForm.FormC);
}
