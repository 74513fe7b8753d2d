namespace EDoc.Agencies;

/// <summary>
/// An agency or organisation (cơ quan, tổ chức) that issues, sends or receives documents: the <c>Organization</c>
/// of edXML (<c>From</c>, <c>To</c>) and the issuing body / recipient of NĐ 30/2020 Annex VI.
/// </summary>
/// <remarks>Both identifiers can be stored: the QCVN 102:2016 code and the QĐ 20/2020 electronic identifier.</remarks>
public sealed record Agency
{
    /// <summary>The name (tên cơ quan, <c>OrganName</c>, at most 200 characters), for example <c>UBND tỉnh Nghệ An</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Mã định danh QCVN 102:2016 (<c>OrganId</c>), for example <c>000.00.00.H41</c>.</summary>
    public AgencyCode? Code { get; init; }

    /// <summary>Mã định danh điện tử QĐ 20/2020/QĐ-TTg, for example <c>G12.18</c>.</summary>
    public ElectronicAgencyIdentifier? ElectronicIdentifier { get; init; }

    /// <summary>The managing (parent) agency, by name (cơ quan chủ quản, edXML <c>OrganizationInCharge</c>).</summary>
    public string? ParentName { get; init; }

    /// <summary>The postal address (<c>OrganAdd</c>, at most 500 characters).</summary>
    public string? Address { get; init; }

    /// <summary>The e-mail address (at most 100 characters).</summary>
    public string? Email { get; init; }

    /// <summary>The telephone number (at most 20 characters).</summary>
    public string? Telephone { get; init; }

    /// <summary>The fax number (at most 20 characters).</summary>
    public string? Fax { get; init; }

    /// <summary>The web site (at most 100 characters).</summary>
    public string? Website { get; init; }

    /// <summary>Creates an agency from its QCVN 102:2016 code and name.</summary>
    /// <param name="code">The code text, parsed strictly.</param>
    /// <param name="name">The name.</param>
    /// <returns>The agency.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="EDocFormatException"><paramref name="code"/> is not a valid code.</exception>
    public static Agency Create(string code, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new Agency { Code = AgencyCode.Parse(code), Name = name };
    }
}
