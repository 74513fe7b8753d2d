namespace EDoc.Interchange.EdXml;

/// <summary>The XML namespaces of edXML packages.</summary>
public static class EdXmlNamespaces
{
    /// <summary>The QCVN 102:2016 namespace of every edXML element: <c>http://www.mic.gov.vn/TBT/QCVN_102_2016</c>.</summary>
    public const string Qcvn102 = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

    /// <summary>The prefix the canonical writer uses inside <c>edXMLEnvelope</c>: <c>edXML</c>.</summary>
    public const string Prefix = "edXML";

    /// <summary>The XML-DSig namespace the signature is written in.</summary>
    public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";
}
