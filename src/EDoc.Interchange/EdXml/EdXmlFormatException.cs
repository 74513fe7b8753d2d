namespace EDoc.Interchange.EdXml;

/// <summary>
/// An edXML package that cannot be read: not well-formed XML, a DTD or entity (refused for security), a missing
/// envelope, bad Base64, an unsafe attachment name. <see cref="EDocFormatException.Location"/> names the element path.
/// Size limits throw <see cref="EDocLimitExceededException"/> instead.
/// </summary>
public class EdXmlFormatException : EDocFormatException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="subject">What was being read, for example <c>edXML</c> or <c>DocumentId</c>.</param>
    /// <param name="location">The element path or line/position, if known.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The low-level cause (often an <see cref="System.Xml.XmlException"/>), if any.</param>
    public EdXmlFormatException(string subject, string? location, string message, Exception? innerException = null)
        : base(subject, location, message, innerException)
    {
    }

    /// <inheritdoc />
    public override string ErrorCode => "edxml.format";
}

/// <summary>
/// An XML signature that cannot be trusted for structural reasons, whatever its cryptographic value: more than one
/// <c>Signature</c>, a signature at an unexpected place, a reference other than <c>URI=""</c>, unexpected transforms
/// or algorithms (the defences against XML signature wrapping).
/// </summary>
public sealed class EdXmlSignatureException : EdXmlFormatException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="location">Where the problem is.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The low-level cause, if any.</param>
    public EdXmlSignatureException(string? location, string message, Exception? innerException = null)
        : base("edXML signature", location, message, innerException)
    {
    }

    /// <inheritdoc />
    public override string ErrorCode => "edxml.signature";
}

/// <summary>An attachment name that would escape the extraction directory (traversal, absolute or rooted path).</summary>
public sealed class EdXmlUnsafeNameException : EdXmlFormatException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="location">Which attachment or ZIP entry.</param>
    /// <param name="name">The offending name (shortened).</param>
    public EdXmlUnsafeNameException(string location, string name)
        : base("edXML attachment name", location, $"the name '{name}' is a path (traversal, absolute or rooted); it is refused.")
    {
        UnsafeName = name;
    }

    /// <summary>The offending name, shortened to at most 200 characters.</summary>
    public string UnsafeName { get; }

    /// <inheritdoc />
    public override string ErrorCode => "edxml.unsafe-name";
}
