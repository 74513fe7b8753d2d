using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EDoc.Archive.Rules;

/// <summary>
/// A versioned set of archival metadata rules (field list, lengths, M/O/C requirements and code lists) loaded from
/// data, for example <c>TT05_2025</c> (Thông tư 05/2025/TT-BNV) or <c>ND30_2020</c> (Nghị định 30/2020/NĐ-CP Phụ lục VI).
/// Rule sets change with the regulation: ship a new JSON document instead of editing code.
/// </summary>
public sealed class ArchiveRuleSet
{
    /// <summary>The id of the Thông tư 05/2025/TT-BNV rule set.</summary>
    public const string Tt05Id = "TT05_2025";

    /// <summary>The id of the Nghị định 30/2020/NĐ-CP Phụ lục VI rule set.</summary>
    public const string Nd30Id = "ND30_2020";

    private static readonly Lazy<ArchiveRuleSet> Tt05Lazy = new(() => LoadEmbedded(Tt05Id));
    private static readonly Lazy<ArchiveRuleSet> Nd30Lazy = new(() => LoadEmbedded(Nd30Id));

    private ArchiveRuleSet(RuleSetDocument document)
    {
        Id = document.Id ?? throw new ArchiveRuleSetFormatException("id", "the rule set has no id.");
        Title = document.Title ?? Id;
        EffectiveFrom = document.EffectiveFrom;
        var lists = new Dictionary<string, CodeList>(StringComparer.Ordinal);
        foreach (var (name, entries) in document.CodeLists ?? [])
        {
            lists[name] = new CodeList(name, entries.Select(e => new CodeListEntry(
                e.Code ?? throw new ArchiveRuleSetFormatException($"codeLists.{name}", "an entry has no code."),
                e.Label ?? string.Empty,
                e.Years)).ToList());
        }

        CodeLists = new ReadOnlyDictionary<string, CodeList>(lists);
        DossierFields = Convert(document.DossierFields, "dossierFields", lists);
        LooseBatchFields = Convert(document.LooseBatchFields, "looseBatchFields", lists);
        DocumentFields = Convert(document.DocumentFields, "documentFields", lists);
    }

    /// <summary>The rule set of Thông tư 05/2025/TT-BNV (dossier 18 fields, document 21 fields, code lists).</summary>
    public static ArchiveRuleSet Tt05 => Tt05Lazy.Value;

    /// <summary>The rule set of Nghị định 30/2020/NĐ-CP Phụ lục VI Phần II (file and document input data).</summary>
    public static ArchiveRuleSet Nd30 => Nd30Lazy.Value;

    /// <summary>The rule set id, for example <c>TT05_2025</c>.</summary>
    public string Id { get; }

    /// <summary>The title of the instrument the rules come from.</summary>
    public string Title { get; }

    /// <summary>The date the instrument took effect, if known.</summary>
    public DateOnly? EffectiveFrom { get; }

    /// <summary>The code lists by name (for example <c>maintenance</c>, <c>mode</c>, <c>language</c>, <c>typeName</c>).</summary>
    public IReadOnlyDictionary<string, CodeList> CodeLists { get; }

    /// <summary>The fields of a dossier (hồ sơ).</summary>
    public IReadOnlyList<FieldRule> DossierFields { get; }

    /// <summary>The fields of the header of a batch of loose documents (tài liệu rời).</summary>
    public IReadOnlyList<FieldRule> LooseBatchFields { get; }

    /// <summary>The fields of a document (văn bản).</summary>
    public IReadOnlyList<FieldRule> DocumentFields { get; }

    /// <summary>Returns a built-in rule set by id.</summary>
    /// <param name="id">The id, for example <c>TT05_2025</c> or <c>ND30_2020</c>.</param>
    /// <returns>The rule set.</returns>
    /// <exception cref="ArgumentException">No built-in rule set has that id.</exception>
    public static ArchiveRuleSet Get(string id) => id switch
    {
        Tt05Id => Tt05,
        Nd30Id => Nd30,
        _ => throw new ArgumentException($"Unknown archive rule set '{id}'. Known: {Tt05Id}, {Nd30Id}.", nameof(id)),
    };

    /// <summary>Loads a rule set from a JSON document (same shape as the embedded ones).</summary>
    /// <param name="json">The JSON document.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rule set.</returns>
    /// <exception cref="ArchiveRuleSetFormatException">The JSON is not a rule set.</exception>
    public static async Task<ArchiveRuleSet> LoadAsync(Stream json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        RuleSetDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync(json, RuleSetJsonContext.Default.RuleSetDocument, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new ArchiveRuleSetFormatException(ex.Path, ex.Message, ex);
        }

        return new ArchiveRuleSet(document ?? throw new ArchiveRuleSetFormatException(null, "the document is empty."));
    }

    /// <summary>Finds a code list.</summary>
    /// <param name="name">The list name.</param>
    /// <returns>The list.</returns>
    /// <exception cref="KeyNotFoundException">The rule set has no such list.</exception>
    public CodeList GetCodeList(string name) => CodeLists.TryGetValue(name, out var list)
        ? list
        : throw new KeyNotFoundException($"The rule set {Id} has no code list '{name}'.");

    internal static Stream OpenEmbedded(string name)
        => typeof(ArchiveRuleSet).Assembly.GetManifestResourceStream($"EDoc.Archive.Rules.{name}.json")
           ?? throw new InvalidOperationException($"The embedded rule set {name} is missing.");

    private static ArchiveRuleSet LoadEmbedded(string id)
    {
        using var stream = OpenEmbedded(id);
        var document = JsonSerializer.Deserialize(stream, RuleSetJsonContext.Default.RuleSetDocument)
                       ?? throw new InvalidOperationException($"The embedded rule set {id} is empty.");
        return new ArchiveRuleSet(document);
    }

    private static List<FieldRule> Convert(List<FieldDocument>? fields, string section, Dictionary<string, CodeList> lists)
    {
        var result = new List<FieldRule>();
        foreach (var (f, i) in (fields ?? []).Select((f, i) => (f, i)))
        {
            var path = $"{section}[{i}]";
            var name = f.Name ?? throw new ArchiveRuleSetFormatException(path, "a field has no name.");
            var type = f.Type switch
            {
                "string" => FieldType.Text,
                "code" => FieldType.Code,
                "codes" => FieldType.Codes,
                "date" => FieldType.Date,
                "number" => FieldType.Number,
                "bool" => FieldType.Boolean,
                _ => throw new ArchiveRuleSetFormatException(path, $"unknown field type '{f.Type}'."),
            };
            var requirement = f.Requirement switch
            {
                "M" => FieldRequirement.Mandatory,
                "O" or null => FieldRequirement.Optional,
                "C" => FieldRequirement.Conditional,
                _ => throw new ArchiveRuleSetFormatException(path, $"unknown requirement '{f.Requirement}'."),
            };
            if (f.CodeList is not null && !lists.ContainsKey(f.CodeList))
            {
                throw new ArchiveRuleSetFormatException(path, $"the code list '{f.CodeList}' is not defined.");
            }

            FieldCondition? condition = f.RequiredWhen is { Field: not null } w
                ? new FieldCondition(w.Field, w.In ?? [])
                : null;
            result.Add(new FieldRule(name, f.Tag ?? name, f.Label ?? name, type, requirement, f.MaxLength, f.MaxDigits, f.CodeList, condition));
        }

        return result;
    }
}

/// <summary>The value type of a metadata field.</summary>
public enum FieldType
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>One code of a code list.</summary>
    Code,

    /// <summary>One or more codes of a code list.</summary>
    Codes,

    /// <summary>A calendar date.</summary>
    Date,

    /// <summary>A non-negative integer.</summary>
    Number,

    /// <summary>A yes/no value.</summary>
    Boolean,
}

/// <summary>Whether a field must be filled: M (bắt buộc), O (tùy chọn) or C (có điều kiện).</summary>
public enum FieldRequirement
{
    /// <summary>Optional (O).</summary>
    Optional,

    /// <summary>Mandatory (M).</summary>
    Mandatory,

    /// <summary>Conditional (C): mandatory when <see cref="FieldRule.RequiredWhen"/> holds.</summary>
    Conditional,
}

/// <summary>The condition of a conditional field: mandatory when another field has one of the listed values.</summary>
/// <param name="Field">The other field.</param>
/// <param name="In">The values that make this field mandatory (booleans as <c>true</c>/<c>false</c>).</param>
public sealed record FieldCondition(string Field, IReadOnlyList<string> In);

/// <summary>One metadata field of a rule set.</summary>
/// <param name="Name">The field name in the EDoc model and the TT 05/2025 XML (for example <c>fileCode</c>).</param>
/// <param name="Tag">The tag the instrument uses (for example <c>FileNotation</c> in NĐ 30/2020).</param>
/// <param name="Label">The Vietnamese label.</param>
/// <param name="Type">The value type.</param>
/// <param name="Requirement">M, O or C.</param>
/// <param name="MaxLength">The largest length in characters, if limited.</param>
/// <param name="MaxDigits">The largest number of digits of a number, if limited.</param>
/// <param name="CodeList">The code list of a code field.</param>
/// <param name="RequiredWhen">The condition of a conditional field.</param>
public sealed record FieldRule(
    string Name,
    string Tag,
    string Label,
    FieldType Type,
    FieldRequirement Requirement,
    int? MaxLength,
    int? MaxDigits,
    string? CodeList,
    FieldCondition? RequiredWhen);

/// <summary>A code list (danh mục mã) of a rule set.</summary>
public sealed class CodeList
{
    private readonly Dictionary<string, CodeListEntry> _byCode;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="name">The list name.</param>
    /// <param name="entries">The entries.</param>
    public CodeList(string name, IReadOnlyList<CodeListEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(entries);
        Name = name;
        Entries = entries;
        _byCode = entries.ToDictionary(e => e.Code, StringComparer.Ordinal);
    }

    /// <summary>The list name.</summary>
    public string Name { get; }

    /// <summary>The entries in their official order.</summary>
    public IReadOnlyList<CodeListEntry> Entries { get; }

    /// <summary>Whether the code is in the list.</summary>
    /// <param name="code">The code.</param>
    /// <returns><see langword="true"/> when the code is defined.</returns>
    public bool Contains(string code) => _byCode.ContainsKey(code);

    /// <summary>Looks up a code.</summary>
    /// <param name="code">The code.</param>
    /// <param name="entry">The entry, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGet(string code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CodeListEntry? entry)
        => _byCode.TryGetValue(code, out entry);

    /// <summary>The label of a code, or the code itself when it is not in the list.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The Vietnamese label.</returns>
    public string LabelOf(string code) => _byCode.TryGetValue(code, out var e) ? e.Label : code;
}

/// <summary>One code of a code list.</summary>
/// <param name="Code">The code, for example <c>01</c>.</param>
/// <param name="Label">The Vietnamese label, for example <c>Vĩnh viễn</c>.</param>
/// <param name="Years">For retention codes, the number of years (none for permanent and "other").</param>
public sealed record CodeListEntry(string Code, string Label, int? Years = null);

/// <summary>A rule set document that cannot be used.</summary>
public sealed class ArchiveRuleSetFormatException : EDocFormatException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="location">Where in the document.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ArchiveRuleSetFormatException(string? location, string message, Exception? innerException = null)
        : base("ArchiveRuleSet", location, message, innerException)
    {
    }

    /// <inheritdoc />
    public override string ErrorCode => "archive.rule-set.format";
}

internal sealed class RuleSetDocument
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public DateOnly? EffectiveFrom { get; set; }

    public Dictionary<string, List<CodeEntryDocument>>? CodeLists { get; set; }

    public List<FieldDocument>? DossierFields { get; set; }

    public List<FieldDocument>? LooseBatchFields { get; set; }

    public List<FieldDocument>? DocumentFields { get; set; }
}

internal sealed class CodeEntryDocument
{
    public string? Code { get; set; }

    public string? Label { get; set; }

    public int? Years { get; set; }
}

internal sealed class FieldDocument
{
    public string? Name { get; set; }

    public string? Tag { get; set; }

    public string? Label { get; set; }

    public string? Type { get; set; }

    public int? MaxLength { get; set; }

    public int? MaxDigits { get; set; }

    public string? Requirement { get; set; }

    public string? CodeList { get; set; }

    public ConditionDocument? RequiredWhen { get; set; }
}

internal sealed class ConditionDocument
{
    public string? Field { get; set; }

    public List<string>? In { get; set; }
}

internal sealed class RetentionDocument
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public List<RetentionLevelDocument>? Levels { get; set; }

    public List<RetentionCategoryDocument>? Categories { get; set; }
}

internal sealed class RetentionLevelDocument
{
    public string? Id { get; set; }

    public string? Label { get; set; }

    public int? Years { get; set; }

    public string? MaintenanceCode { get; set; }
}

internal sealed class RetentionCategoryDocument
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Level { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(RuleSetDocument))]
[JsonSerializable(typeof(RetentionDocument))]
internal sealed partial class RuleSetJsonContext : JsonSerializerContext;
