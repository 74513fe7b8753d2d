using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Pdf.Parsing;

/// <summary>Where an object lives according to a cross-reference section.</summary>
internal enum PdfXrefEntryType : byte
{
    /// <summary>A free (deleted) object.</summary>
    Free = 0,

    /// <summary>An object at a byte offset in the file.</summary>
    InFile = 1,

    /// <summary>An object inside an object stream.</summary>
    InObjectStream = 2,
}

/// <summary>One cross-reference entry. For <see cref="PdfXrefEntryType.InObjectStream"/>, <see cref="Offset"/> is the object stream number and <see cref="Generation"/> the index.</summary>
internal readonly record struct PdfXrefEntry(PdfXrefEntryType Type, long Offset, int Generation);

/// <summary>One cross-reference section (a classic table or an xref stream) with its trailer.</summary>
internal sealed class PdfXrefSection
{
    public PdfXrefSection(long offset, bool isStream, PdfDictionary trailer, Dictionary<int, PdfXrefEntry> entries)
    {
        Offset = offset;
        IsStream = isStream;
        Trailer = trailer;
        Entries = entries;
    }

    /// <summary>The byte offset of the section (the value of startxref or /Prev that pointed here).</summary>
    public long Offset { get; }

    /// <summary>Whether the section is an xref stream (else a classic table).</summary>
    public bool IsStream { get; }

    /// <summary>The trailer dictionary (the xref stream dictionary for streams).</summary>
    public PdfDictionary Trailer { get; }

    /// <summary>The entries of this section, including those of a hybrid /XRefStm.</summary>
    public Dictionary<int, PdfXrefEntry> Entries { get; }

    /// <summary>The offset just after the <c>%%EOF</c> marker (and its end-of-line) following this section, or -1.</summary>
    public long EndOffset { get; set; } = -1;

    /// <summary>For an xref stream, its own object number; else 0.</summary>
    public int StreamObjectNumber { get; init; }
}

/// <summary>
/// One revision of the document: the original file or one incremental update. A linearized file's two
/// cross-reference sections belong to one revision.
/// </summary>
internal sealed class PdfRevision
{
    public PdfRevision(int index, IReadOnlyList<PdfXrefSection> sections, long endOffset)
    {
        Index = index;
        Sections = sections;
        EndOffset = endOffset;
        var numbers = new HashSet<int>();
        foreach (PdfXrefSection s in sections)
        {
            numbers.UnionWith(s.Entries.Keys);
        }

        ObjectNumbers = numbers;
    }

    /// <summary>0 for the original document, then 1, 2… for each incremental update.</summary>
    public int Index { get; }

    /// <summary>The sections of the revision, newest first.</summary>
    public IReadOnlyList<PdfXrefSection> Sections { get; }

    /// <summary>The value of <c>startxref</c> of this revision.</summary>
    public long StartXref => Sections[0].Offset;

    /// <summary>The offset just after this revision's <c>%%EOF</c> and end-of-line: the length of the file as it was when this revision was written.</summary>
    public long EndOffset { get; }

    /// <summary>The trailer of the revision (its newest section).</summary>
    public PdfDictionary Trailer => Sections[0].Trailer;

    /// <summary>Whether the revision's newest section is an xref stream.</summary>
    public bool UsesXrefStream => Sections[0].IsStream;

    /// <summary>Object numbers defined (or freed) by this revision.</summary>
    public IReadOnlySet<int> ObjectNumbers { get; }
}
