using EDoc.Documents;

namespace EDoc.Interchange.EdXml;

/// <summary>Options of <see cref="EdXmlDocumentMapper"/>.</summary>
public sealed class EdXmlDocumentMapperOptions
{
    /// <summary>
    /// The clock: the trace timestamp of a document without <see cref="ElectronicDocument.SentAt"/> (in Vietnam time),
    /// and the "not in the future" checks of <see cref="ElectronicDocumentValidator"/> before a document is mapped.
    /// </summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The document types known when reading <c>DocumentType/TypeName</c> and notations back.</summary>
    /// <value>The default value is <see cref="DocumentTypeCatalog.Default"/>.</value>
    public DocumentTypeCatalog DocumentTypes { get; set; } = DocumentTypeCatalog.Default;

    /// <summary>
    /// Whether <see cref="EdXmlDocumentMapper.ToPackage"/> writes what edXML has no element for (language, notes,
    /// exact times, the main document, leaders' directions, processing history, the type's catalog code, the QĐ 20
    /// electronic identifiers) as extension elements in the namespace <see cref="EdXmlDocumentMapper.ExtensionNamespace"/>.
    /// Receivers that do not know them keep or ignore them (they are outside the QCVN 102 namespace).
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool WriteExtensions { get; set; } = true;

    /// <summary>The clerk (văn thư) written in <c>TraceHeaderList/Bussiness/StaffInfo</c>, or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public EdXmlStaffInfo? StaffInfo { get; set; }
}
