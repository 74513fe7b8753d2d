namespace EDoc.Signing.Pdf;

/// <summary>Limits the PDF reader enforces against hostile or broken input. Every limit has a documented default.</summary>
internal sealed class PdfReaderOptions
{
    /// <summary>The shared default options.</summary>
    public static PdfReaderOptions Default { get; } = new();

    /// <summary>Maximum nesting of arrays and dictionaries, and of reference chains. <value>The default value is 256.</value></summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Maximum number of objects (the xref /Size). <value>The default value is 8,388,607.</value></summary>
    public int MaxObjects { get; init; } = 8_388_607;

    /// <summary>Maximum /Length of a stream that is decoded into memory, and of its decoded data. <value>The default value is 64 MiB.</value></summary>
    public long MaxStreamLength { get; init; } = 64L * 1024 * 1024;

    /// <summary>Maximum length of a string, name or number token in bytes. <value>The default value is 16 MiB.</value></summary>
    public int MaxStringLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Maximum number of elements of one array or dictionary. <value>The default value is 1,000,000.</value></summary>
    public int MaxCollectionCount { get; init; } = 1_000_000;

    /// <summary>Maximum number of cross-reference sections in the /Prev chain. <value>The default value is 10,000.</value></summary>
    public int MaxXrefSections { get; init; } = 10_000;

    /// <summary>Whether the reader may rebuild the cross-reference by scanning the file when offsets are wrong. <value>The default value is <see langword="true"/>.</value></summary>
    public bool AllowRecovery { get; init; } = true;
}
