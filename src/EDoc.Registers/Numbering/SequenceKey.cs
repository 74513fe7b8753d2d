namespace EDoc.Registers.Numbering;

/// <summary>
/// Identifies one numbering sequence (dãy số): a register, a group within it (general, one legal normative type,
/// secret, copies, an advisory body, incoming). Each key restarts at 01 on 1 January, Vietnam time.
/// </summary>
/// <param name="Book">The register book.</param>
/// <param name="RegisterId">The register (sổ), for example the issuing agency.</param>
/// <param name="Group">The group within the register, for example <c>general</c>, <c>legal:NQ</c>, <c>secret</c>, <c>copy</c>, <c>advisory:HĐTĐ</c>.</param>
public readonly record struct SequenceKey(RegisterBook Book, string RegisterId, string Group)
{
    /// <summary>The group of the general (administrative) outgoing sequence.</summary>
    public const string GeneralGroup = "general";

    /// <summary>The group of secret documents.</summary>
    public const string SecretGroup = "secret";

    /// <summary>The group shared by all copies (SY, TrS, SL).</summary>
    public const string CopyGroup = "copy";

    /// <summary>The group of incoming arrival numbers (paper and electronic together).</summary>
    public const string IncomingGroup = "incoming";

    /// <summary>The prefix of a legal normative type's group, followed by the type abbreviation.</summary>
    public const string LegalNormativePrefix = "legal:";

    /// <summary>The prefix of an advisory body's group, followed by its abbreviation.</summary>
    public const string AdvisoryPrefix = "advisory:";

    /// <summary>The prefix of a per-type administrative group, followed by the type abbreviation.</summary>
    public const string TypePrefix = "type:";

    /// <summary>The text stored in the counter table: <c>{book}/{register}/{group}</c>.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => $"{(Book == RegisterBook.Outgoing ? "outgoing" : "incoming")}/{RegisterId}/{Group}";
}
