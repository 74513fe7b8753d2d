using EDoc.Archive.Packages;
using EDoc.Archive.Rules;

namespace EDoc.Archive;

/// <summary>The settings of the EDoc.Archive services registered by <c>AddEDocArchive</c>.</summary>
public sealed class EDocArchiveOptions
{
    /// <summary>
    /// The built-in rule set (metadata fields and code lists) used to write and verify packages:
    /// <see cref="ArchiveRuleSet.Tt05Id"/> (Thông tư 05/2025/TT-BNV) or <see cref="ArchiveRuleSet.Nd30Id"/>
    /// (Nghị định 30/2020/NĐ-CP). Ignored when a rule set instance is registered with <c>UseRuleSet(ArchiveRuleSet)</c>.
    /// </summary>
    /// <value>The default value is <c>TT05_2025</c>.</value>
    public string RuleSetId { get; set; } = ArchiveRuleSet.Tt05Id;

    /// <summary>How packages are written. Its <see cref="ArchivePackageWriterOptions.RuleSet"/> is replaced by the selected rule set.</summary>
    /// <value>The default value is a new <see cref="ArchivePackageWriterOptions"/> (SIP, no bag, data stored uncompressed).</value>
    public ArchivePackageWriterOptions Writer { get; set; } = new();

    /// <summary>The limits applied when reading an untrusted package.</summary>
    /// <value>The default value is a new <see cref="ArchivePackageReadOptions"/>.</value>
    public ArchivePackageReadOptions Reading { get; set; } = new();

    /// <summary>Whether the verifier validates the descriptive metadata against the rule set.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ValidateMetadata { get; set; } = true;
}
