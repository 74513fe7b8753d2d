namespace EDoc.Signing.Cms;

/// <summary>A CMS (PKCS#7) blob, a signed attribute or an RFC 3161 token is malformed (cấu trúc CMS không hợp lệ).</summary>
public sealed class CmsFormatException : EDocFormatException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="location">The ASN.1 field where the problem is, if known.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The low-level cause.</param>
    public CmsFormatException(string? location, string message, Exception? innerException = null)
        : base("CMS", location, message, innerException)
    {
    }
}
