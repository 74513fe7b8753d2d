using System.Globalization;
using EDoc.Archive.Rules;
using EDoc.Validation;

namespace EDoc.Archive.Metadata;

/// <summary>
/// Validates dossier and document metadata against a versioned rule set (<c>TT05_2025</c>, <c>ND30_2020</c>):
/// required fields, conditional fields, lengths, digits and code lists. Every problem is reported, with Vietnamese
/// messages.
/// </summary>
public sealed class ArchiveMetadataValidator
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="ruleSet">The rule set; <see cref="ArchiveRuleSet.Tt05"/> when <see langword="null"/>.</param>
    public ArchiveMetadataValidator(ArchiveRuleSet? ruleSet = null)
    {
        RuleSet = ruleSet ?? ArchiveRuleSet.Tt05;
    }

    /// <summary>The rule set applied.</summary>
    public ArchiveRuleSet RuleSet { get; }

    /// <summary>
    /// When <see langword="true"/>, only permanent retention (maintenance <c>01</c>) is accepted, as for submissions
    /// to a historical archive (lưu trữ lịch sử).
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ForHistoricalArchive { get; init; }

    /// <summary>Validates a dossier with its documents.</summary>
    /// <param name="dossier">The dossier metadata.</param>
    /// <param name="documents">The documents.</param>
    /// <param name="variant">Dossier or loose documents.</param>
    /// <returns>Every problem found.</returns>
    public ValidationResult Validate(DossierMetadata dossier, IReadOnlyList<DocumentMetadata> documents, ArchiveContentVariant variant = ArchiveContentVariant.Dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(documents);
        var collector = new ValidationProblemCollector();
        ValidateDossier(dossier, documents, variant, "dossier", collector);
        var seen = new HashSet<int>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            var path = $"documents[{i}]";
            ValidateDocument(dossier, documents[i], path, collector);
            if (!seen.Add(documents[i].Ordinal))
            {
                collector.Error($"{path}.ordinal", "duplicate", $"The document ordinal {documents[i].Ordinal} is used twice.", $"Số thứ tự văn bản {documents[i].Ordinal} bị trùng.");
            }

            if (documents[i].DocId is { } id && !seenIds.Add(id))
            {
                collector.Error($"{path}.docId", "duplicate", $"The docId '{id}' is used twice.", $"Mã định danh văn bản '{id}' bị trùng.");
            }
        }

        return collector.ToResult();
    }

    /// <summary>Validates the dossier fields only.</summary>
    /// <param name="dossier">The dossier metadata.</param>
    /// <param name="documents">The documents (for counts and dates).</param>
    /// <param name="variant">Dossier or loose documents.</param>
    /// <param name="path">The path prefix of problems.</param>
    /// <param name="collector">Where problems go.</param>
    public void ValidateDossier(DossierMetadata dossier, IReadOnlyList<DocumentMetadata> documents, ArchiveContentVariant variant, string path, ValidationProblemCollector collector)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(collector);
        var values = dossier.ToFieldValues(documents.Count, documents.Sum(d => d.NumberOfPage ?? 0), RuleSet);
        var fields = variant == ArchiveContentVariant.LooseDocuments && RuleSet.LooseBatchFields.Count > 0 ? RuleSet.LooseBatchFields : RuleSet.DossierFields;
        ApplyRules(fields, values, path, collector);
        if (dossier.StartDate is { } start && dossier.EndDate is { } end && end < start)
        {
            collector.Error($"{path}.endDate", "date-order", "endDate is before startDate.", "Thời gian kết thúc trước thời gian bắt đầu.");
        }

        if (dossier.FileCode.OrganId.Length != 13)
        {
            collector.Error($"{path}.fileCode.organId", "length", $"The agency identifier '{dossier.FileCode.OrganId}' must have 13 characters.", "Mã cơ quan phải có 13 ký tự.");
        }

        if (dossier.FileCode.FileNotation.Length > 20)
        {
            collector.Error($"{path}.fileCode.fileNotation", "length", "The file number and symbol has more than 20 characters.", "Số và ký hiệu hồ sơ quá 20 ký tự.");
        }

        if (ForHistoricalArchive && dossier.Maintenance is { } m && m != "01")
        {
            collector.Error($"{path}.maintenance", "historical-archive", "A historical archive accepts only permanent retention (01).", "Lưu trữ lịch sử chỉ tiếp nhận hồ sơ bảo quản vĩnh viễn (01).");
        }

        if (variant == ArchiveContentVariant.Dossier && dossier.TotalDoc is { } total && total != documents.Count)
        {
            collector.Error($"{path}.totalDoc", "count", $"totalDoc is {total} but the dossier has {documents.Count} document(s).", $"Tổng số văn bản là {total} nhưng hồ sơ có {documents.Count} văn bản.");
        }

        if (dossier.StartDate is { } s2 && dossier.EndDate is { } e2)
        {
            for (var i = 0; i < documents.Count; i++)
            {
                if (documents[i].IssuedDate is { } issued && (issued < s2 || issued > e2))
                {
                    collector.Warning($"documents[{i}].issuedDate", "outside-dossier-dates", $"The document date {issued:yyyy-MM-dd} is outside the dossier's dates.", "Ngày văn bản nằm ngoài thời gian của hồ sơ.");
                }
            }
        }
    }

    /// <summary>Validates one document.</summary>
    /// <param name="dossier">The dossier the document belongs to.</param>
    /// <param name="document">The document metadata.</param>
    /// <param name="path">The path prefix of problems.</param>
    /// <param name="collector">Where problems go.</param>
    public void ValidateDocument(DossierMetadata dossier, DocumentMetadata document, string path, ValidationProblemCollector collector)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(collector);
        if (document.Ordinal is < 1 or > 9_999_999)
        {
            collector.Error($"{path}.ordinal", "range", "The document ordinal must be between 1 and 9999999.", "Số thứ tự văn bản phải từ 1 đến 9999999.");
        }

        ApplyRules(RuleSet.DocumentFields, document.ToFieldValues(dossier.FileCode, dossier.ArchiveAgencyCode, RuleSet), path, collector);
    }

    private void ApplyRules(IReadOnlyList<FieldRule> rules, IReadOnlyDictionary<string, object?> values, string path, ValidationProblemCollector collector)
    {
        foreach (var rule in rules)
        {
            var fieldPath = $"{path}.{rule.Name}";
            values.TryGetValue(rule.Name, out var value);
            var present = value switch
            {
                null => false,
                string s => !string.IsNullOrWhiteSpace(s),
                IReadOnlyList<string> list => list.Count > 0,
                _ => true,
            };
            var required = rule.Requirement == FieldRequirement.Mandatory
                           || (rule.Requirement == FieldRequirement.Conditional && rule.RequiredWhen is { } c && values.TryGetValue(c.Field, out var other)
                               && other is not null && c.In.Contains(MetadataLabels.Format(other) switch { "1" when other is bool => "true", "0" when other is bool => "false", var x => x }, StringComparer.Ordinal));
            if (!present)
            {
                if (required)
                {
                    var why = rule.Requirement == FieldRequirement.Conditional ? $" when {rule.RequiredWhen!.Field} is {string.Join("/", rule.RequiredWhen.In)}" : string.Empty;
                    collector.Error(fieldPath, "required", $"{rule.Name} ({rule.Label}) is required{why} by {RuleSet.Id}.", $"Trường {rule.Label} ({rule.Name}) là bắt buộc theo {RuleSet.Id}.");
                }

                continue;
            }

            switch (rule.Type)
            {
                case FieldType.Text:
                    collector.MaxLength(fieldPath, MetadataLabels.Format(value), rule.MaxLength ?? int.MaxValue);
                    break;
                case FieldType.Code:
                    CheckCode(rule, MetadataLabels.Format(value), fieldPath, collector);
                    break;
                case FieldType.Codes:
                    var codes = value as IReadOnlyList<string> ?? [MetadataLabels.Format(value)];
                    for (var i = 0; i < codes.Count; i++)
                    {
                        CheckCode(rule, codes[i], $"{fieldPath}[{i}]", collector);
                    }

                    if (codes.Distinct(StringComparer.Ordinal).Count() != codes.Count)
                    {
                        collector.Error(fieldPath, "duplicate", $"{rule.Name} lists a code twice.", $"Trường {rule.Label} có mã bị lặp.");
                    }

                    break;
                case FieldType.Number:
                    var number = value is int i2 ? i2 : value is long l ? l : -1;
                    if (number < 0)
                    {
                        collector.Error(fieldPath, "range", $"{rule.Name} must be a non-negative number.", $"Trường {rule.Label} phải là số không âm.");
                    }
                    else if (rule.MaxDigits is { } digits && number.ToString(CultureInfo.InvariantCulture).Length > digits)
                    {
                        collector.Error(fieldPath, "digits", $"{rule.Name} has more than {digits} digit(s).", $"Trường {rule.Label} quá {digits} chữ số.");
                    }

                    break;
                case FieldType.Date:
                case FieldType.Boolean:
                default:
                    break;
            }
        }
    }

    private void CheckCode(FieldRule rule, string code, string path, ValidationProblemCollector collector)
    {
        if (rule.CodeList is null)
        {
            return;
        }

        var list = RuleSet.GetCodeList(rule.CodeList);
        if (!list.Contains(code))
        {
            collector.Error(
                path,
                "code-list",
                $"'{code}' is not a code of the list {rule.CodeList} ({RuleSet.Id}); allowed: {string.Join(", ", list.Entries.Select(e => e.Code))}.",
                $"'{code}' không thuộc danh mục {rule.Label} ({RuleSet.Id}).");
        }

        if (rule.MaxLength is { } max && code.Length > max)
        {
            collector.MaxLength(path, code, max);
        }
    }
}
