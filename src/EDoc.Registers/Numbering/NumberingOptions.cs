namespace EDoc.Registers.Numbering;

/// <summary>
/// Which outgoing documents get their own numbering sequence (NĐ 30/2020 art. 15 and Annex I). The defaults follow the
/// decree: each legal normative type, secret documents, copies and advisory bodies are separate; every other
/// document shares the general sequence.
/// </summary>
public sealed class NumberingOptions
{
    /// <summary>Each legal normative type has its own sequence.</summary>
    /// <value>The default value is <see langword="true"/> (required by art. 15.1.a).</value>
    public bool SeparateLegalNormativeTypes { get; set; } = true;

    /// <summary>Secret documents have their own sequence.</summary>
    /// <value>The default value is <see langword="true"/> (art. 15.2).</value>
    public bool SeparateSecretDocuments { get; set; } = true;

    /// <summary>Copies (sao y, trích sao, sao lục) share one sequence of their own.</summary>
    /// <value>The default value is <see langword="true"/> (Annex I Part II §II.1.c).</value>
    public bool SeparateCopies { get; set; } = true;

    /// <summary>Each advisory body (Hội đồng, Ban, Tổ) has its own sequence.</summary>
    /// <value>The default value is <see langword="true"/> (Annex I §II.3.a).</value>
    public bool SeparateAdvisoryBodies { get; set; } = true;

    /// <summary>Each administrative type has its own sequence instead of one shared general sequence (the agency's choice).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SeparateAdministrativeTypes { get; set; }

    /// <summary>
    /// The group added at the end of a secret document's notation, for example <c>01/QĐ-UBND-M</c>, so that the notation
    /// stays unique within the year although the secret sequence restarts at 01 (art. 15.1–15.2); <see langword="null"/>
    /// or empty for none.
    /// </summary>
    /// <remarks>
    /// NĐ 30/2020 gives secret documents their own sequence but also requires number + notation to be unique within the
    /// year, and prescribes no mark to tell the two apart. With no qualifier, the first secret QĐ (01/QĐ-UBND) collides
    /// with the first QĐ of the general sequence and is refused with a <see cref="RegisterConflictException"/>
    /// (<c>duplicate-notation</c>), never silently registered twice. Agencies that use another mark (for example
    /// <c>MẬT</c>) set it here; it must be a valid notation group (letters, digits, inner dots).
    /// </remarks>
    /// <value>The default value is <c>M</c> (Mật).</value>
    public string? SecretNotationQualifier { get; set; } = "M";

    /// <summary>The type abbreviations that are copies.</summary>
    /// <value>The default value is <c>SY</c>, <c>TrS</c>, <c>SL</c>.</value>
    public ISet<string> CopyTypeAbbreviations { get; } = new HashSet<string>(StringComparer.Ordinal) { "SY", "TrS", "SL" };

    /// <summary>
    /// Agency-specific rules, tried in order before the built-in ones: the first rule that matches names the group.
    /// </summary>
    public IList<SequenceRule> Rules { get; } = [];
}

/// <summary>An agency-specific numbering rule: documents it matches are numbered in <see cref="Group"/>.</summary>
/// <param name="Group">The sequence group name, for example <c>specialized:TTr</c>.</param>
/// <param name="Matches">Whether a request belongs to the group.</param>
public sealed record SequenceRule(string Group, Func<OutgoingIssueRequest, bool> Matches);
