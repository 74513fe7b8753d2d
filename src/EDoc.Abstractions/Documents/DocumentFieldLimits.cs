namespace EDoc.Documents;

/// <summary>
/// Field lengths of NĐ 30/2020/NĐ-CP Annex VI Part II (input data of the document management system), and of the
/// edXML fields that Annex VI does not list. Lengths are in characters after NFC normalization.
/// </summary>
public static class DocumentFieldLimits
{
    /// <summary><c>OrganId</c>: 13.</summary>
    public const int OrganId = 13;

    /// <summary><c>TypeName</c>: 100.</summary>
    public const int TypeName = 100;

    /// <summary><c>CodeNumber</c>: 11.</summary>
    public const int CodeNumber = 11;

    /// <summary><c>CodeNotation</c>: 30.</summary>
    public const int CodeNotation = 30;

    /// <summary><c>OrganName</c>: 200.</summary>
    public const int OrganName = 200;

    /// <summary><c>Subject</c> (trích yếu): 500.</summary>
    public const int Subject = 500;

    /// <summary><c>Language</c>: 30.</summary>
    public const int Language = 30;

    /// <summary><c>PageAmount</c>: Number(3), so at most 999.</summary>
    public const int MaxPageAmount = 999;

    /// <summary><c>IssuedAmount</c>: Number(3), so at most 999.</summary>
    public const int MaxIssuedAmount = 999;

    /// <summary><c>Description</c> (ghi chú): 500.</summary>
    public const int Description = 500;

    /// <summary><c>SignerInfo/Position</c>: 100.</summary>
    public const int SignerPosition = 100;

    /// <summary><c>SignerInfo/FullName</c>: 50.</summary>
    public const int SignerFullName = 50;

    /// <summary>edXML <c>PromulgationInfo/Place</c>: 50.</summary>
    public const int IssuePlace = 50;

    /// <summary>edXML <c>Content</c>: 500.</summary>
    public const int Summary = 500;

    /// <summary>edXML <c>OrganAdd</c>: 500.</summary>
    public const int OrganAddress = 500;

    /// <summary>edXML <c>Email</c> and <c>Website</c>: 100.</summary>
    public const int Email = 100;

    /// <summary>edXML <c>Telephone</c> and <c>Fax</c>: 20.</summary>
    public const int Telephone = 20;

    /// <summary>Attachment file name (hub limit): 500.</summary>
    public const int AttachmentName = 500;

    /// <summary>The earliest date accepted anywhere in the metadata: 1 January 1945.</summary>
    public static DateOnly MinDate { get; } = new(1945, 1, 1);
}
