using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>
/// The PDF side of PAdES signing: appends an incremental update with a signature field and a signature dictionary
/// whose /Contents is a zero-filled placeholder, computes the /ByteRange and its digest in one streaming pass, and
/// later embeds the CMS into the placeholder.
/// </summary>
internal static class PdfSignaturePreparer
{
    private const string ByteRangePlaceholder = "[0 0000000000 0000000000 0000000000]";

    /// <summary>
    /// Writes <paramref name="source"/> plus a new revision carrying an empty signature to <paramref name="output"/>
    /// and returns the ByteRange digest to sign. The source is only read; <paramref name="output"/> must be writable
    /// (and seekable later for <see cref="EmbedAsync"/>).
    /// </summary>
    /// <exception cref="PdfFormatException">The source PDF is malformed or encrypted.</exception>
    /// <exception cref="EDocPolicyException">The document is certified with DocMDP P=1 (no changes allowed).</exception>
    /// <exception cref="InvalidOperationException">The named field is already signed, or a certification signature is not first.</exception>
    public static async Task<PreparedSignature> PrepareAsync(Stream source, Stream output, PdfSignatureOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream must be writable.", nameof(output));
        }

        using PdfDocumentReader reader = PdfDocumentReader.Open(source, options.ReaderOptions);
        var writer = new PdfIncrementalWriter(reader);
        (PdfReference sigRef, string fieldName, int byteRangeRel, int contentsRel) = AddSignature(writer, options);

        using PdfAppendix appendix = writer.Build(source.Length, PdfIncrementalWriter.LastByte(source));
        long sigBody = appendix.BodyOffsets[sigRef.Number];
        long contentsStart = sigBody + contentsRel;
        long contentsEnd = contentsStart + 2 + (2L * options.ContentsCapacity);
        long total = appendix.OutputLength;
        long[] byteRange = [0, contentsStart, contentsEnd, total - contentsEnd];
        PatchByteRange(appendix.Bytes.WrittenSpan.Slice((int)(sigBody + byteRangeRel - appendix.BaseOffset), ByteRangePlaceholder.Length), byteRange);

        using var hash = IncrementalHash.CreateHash(options.DigestAlgorithm);
        cancellationToken.ThrowIfCancellationRequested();
        await PdfIncrementalWriter.CopySourceAsync(source, output, hash, cancellationToken).ConfigureAwait(false);
        if (appendix.NeedsLeadingNewline)
        {
            hash.AppendData("\n"u8);
            output.WriteByte((byte)'\n');
        }

        ReadOnlyMemory<byte> bytes = appendix.Bytes.WrittenMemory;
        int gapStart = (int)(contentsStart - appendix.BaseOffset);
        int gapEnd = (int)(contentsEnd - appendix.BaseOffset);
        hash.AppendData(bytes.Span[..gapStart]);
        hash.AppendData(bytes.Span[gapEnd..]);
        await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new PreparedSignature(fieldName, byteRange, contentsStart, options.ContentsCapacity, hash.GetHashAndReset(), options.DigestAlgorithm, total);
    }

    /// <summary>Writes the DER CMS (or RFC 3161 token) as hex into the /Contents placeholder of a prepared output.</summary>
    /// <exception cref="ArgumentException">The CMS does not fit the reserved capacity, or the output does not match the prepared signature.</exception>
    public static async Task EmbedAsync(Stream output, PreparedSignature prepared, ReadOnlyMemory<byte> cms, CancellationToken cancellationToken = default)
    {
        byte[] hex = CheckAndEncode(output, prepared, cms.Span, out int hexLength);
        try
        {
            output.Position = prepared.ContentsOffset + 1;
            await output.WriteAsync(hex.AsMemory(0, hexLength), cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(hex);
        }
    }

    /// <summary>Synchronous twin of <see cref="EmbedAsync"/>.</summary>
    public static void Embed(Stream output, PreparedSignature prepared, ReadOnlySpan<byte> cms)
    {
        byte[] hex = CheckAndEncode(output, prepared, cms, out int hexLength);
        try
        {
            output.Position = prepared.ContentsOffset + 1;
            output.Write(hex, 0, hexLength);
            output.Flush();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(hex);
        }
    }

    /// <summary>Formats a PDF date <c>D:YYYYMMDDHHmmSS+07'00'</c> (ISO 32000-1 §7.9.4).</summary>
    public static string FormatPdfDate(DateTimeOffset time)
    {
        TimeSpan off = time.Offset;
        string sign = off < TimeSpan.Zero ? "-" : "+";
        off = off.Duration();
        return "D:" + time.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + (time.Offset == TimeSpan.Zero ? "Z" : sign + off.Hours.ToString("00", CultureInfo.InvariantCulture) + "'" + off.Minutes.ToString("00", CultureInfo.InvariantCulture) + "'");
    }

    private static byte[] CheckAndEncode(Stream output, PreparedSignature prepared, ReadOnlySpan<byte> cms, out int hexLength)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(prepared);
        if (cms.IsEmpty)
        {
            throw new ArgumentException("The CMS is empty.", nameof(cms));
        }

        if (cms.Length > prepared.ContentsCapacity)
        {
            throw new ArgumentException($"The CMS ({cms.Length} bytes) does not fit the reserved /Contents capacity ({prepared.ContentsCapacity} bytes); prepare the signature again with a larger capacity.", nameof(cms));
        }

        if (!output.CanSeek || !output.CanWrite || !output.CanRead)
        {
            throw new ArgumentException("The output stream must be readable, writable and seekable.", nameof(output));
        }

        if (output.Length != prepared.OutputLength)
        {
            throw new ArgumentException("The output is not the one the signature was prepared on (its length differs).", nameof(output));
        }

        Span<byte> probe = stackalloc byte[1];
        output.Position = prepared.ContentsOffset;
        if (output.Read(probe) != 1 || probe[0] != '<')
        {
            throw new ArgumentException("The output has no /Contents placeholder at the prepared offset.", nameof(output));
        }

        hexLength = cms.Length * 2;
        byte[] hex = ArrayPool<byte>.Shared.Rent(hexLength);
        if (!Convert.TryToHexString(cms, hex.AsSpan(0, hexLength), out _))
        {
            ArrayPool<byte>.Shared.Return(hex);
            throw new InvalidOperationException("The CMS could not be hex-encoded.");
        }

        return hex;
    }

    private static void PatchByteRange(Span<byte> target, long[] byteRange)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"[{byteRange[0]} {byteRange[1]} {byteRange[2]} {byteRange[3]}");
        if (text.Length + 1 > target.Length)
        {
            throw new InvalidOperationException("The ByteRange does not fit its placeholder.");
        }

        target.Fill((byte)' ');
        System.Text.Encoding.ASCII.GetBytes(text, target);
        target[^1] = (byte)']';
    }

    private static (PdfReference SigRef, string FieldName, int ByteRangeRel, int ContentsRel) AddSignature(PdfIncrementalWriter writer, PdfSignatureOptions options)
    {
        PdfDocumentReader reader = writer.Reader;
        PdfObjectView view = reader.Latest;
        PdfDictionary catalog = reader.Catalog;
        var catalogClone = new PdfDictionary(catalog);
        bool catalogChanged = false;

        List<PdfField> fields = PdfAcroForm.EnumerateFields(view, catalog);
        bool hasSignatures = fields.Exists(f => f.FieldType == "Sig" && f.Dictionary.ContainsKey("V"));
        CheckDocMdp(view, catalog, options, hasSignatures);

        string fieldName = options.FieldName ?? PdfAcroForm.UniqueFieldName(fields.Select(f => f.FullName));
        PdfField? existing = fields.Find(f => string.Equals(f.FullName, fieldName, StringComparison.Ordinal));
        if (existing is not null && (existing.FieldType != "Sig" || existing.Dictionary.ContainsKey("V") || existing.Reference is null || !existing.IsTerminal))
        {
            throw new InvalidOperationException($"The field '{fieldName}' already exists and is not an empty signature field.");
        }

        (PdfRawObject sigObject, int byteRangeRel, int contentsRel) = BuildSignatureDictionary(options);
        PdfReference sigRef = writer.Add(sigObject);

        // Appearance form XObject.
        double[] rect = options.Rectangle is null ? [0, 0, 0, 0] : [Math.Min(options.Rectangle[0], options.Rectangle[2]), Math.Min(options.Rectangle[1], options.Rectangle[3]), Math.Max(options.Rectangle[0], options.Rectangle[2]), Math.Max(options.Rectangle[1], options.Rectangle[3])];
        var apDict = new PdfDictionary();
        apDict.Set("Type", new PdfName("XObject"));
        apDict.Set("Subtype", new PdfName("Form"));
        // An existing field keeps its widget; the caller passes that widget's /Rect and page to draw the appearance upright.
        PdfPage? targetPage = existing is null || options.Rectangle is not null ? PdfPageTree.GetPage(view, catalog, options.PageIndex) : null;
        int rotate = options.Rectangle is null ? 0 : targetPage?.Rotate ?? 0;
        double width = rect[2] - rect[0], height = rect[3] - rect[1];
        if (rotate is 90 or 270)
        {
            // The appearance is drawn upright as the reader sees the rotated page: swap its box and counter-rotate.
            (width, height) = (height, width);
        }

        PdfAppearanceForms.SetUprightBox(apDict, width, height, rotate);
        var apResources = options.Appearance?.Resources is { } res ? (PdfDictionary)PdfObjectCloner.DeepClone(res) : new PdfDictionary();
        PdfImageReuse.ReuseExistingImages(reader, fields, apResources);
        apDict.Set("Resources", apResources);
        PdfReference apRef = writer.Add(new PdfStream(apDict, options.Appearance?.Content ?? []));
        var ap = new PdfDictionary();
        ap.Set("N", apRef);

        if (existing is not null)
        {
            var fieldClone = new PdfDictionary(existing.Dictionary);
            fieldClone.Set("V", sigRef);
            if (options.Appearance is not null && fieldClone.GetNameValue("Subtype") == "Widget")
            {
                fieldClone.Set("AP", ap);
            }
            else if (options.Appearance is not null && existing.WidgetReferences.Count == 1 && view.GetDictionary(existing.WidgetReferences[0]) is { } kid)
            {
                var widgetClone = new PdfDictionary(kid);
                widgetClone.Set("AP", ap);
                writer.Update(existing.WidgetReferences[0], widgetClone);
            }

            writer.Update(existing.Reference!, fieldClone);
            catalogChanged |= EnsureAcroForm(writer, view, catalogClone, FindOrphanSignatureWidgets(view, catalog, fields, options.PageIndex));
        }
        else
        {
            PdfPage page = targetPage!;
            var widget = new PdfDictionary();
            widget.Set("Type", new PdfName("Annot"));
            widget.Set("Subtype", new PdfName("Widget"));
            widget.Set("FT", new PdfName("Sig"));
            widget.Set("T", PdfString.FromText(fieldName));
            widget.Set("V", sigRef);
            widget.Set("F", new PdfInteger(132));
            widget.Set("P", page.Reference);
            widget.Set("Rect", PdfArray.OfNumbers(rect));
            widget.Set("AP", ap);
            if (options.Tooltip is not null)
            {
                widget.Set("TU", PdfString.FromText(options.Tooltip));
            }

            if (rotate != 0)
            {
                var mk = new PdfDictionary();
                mk.Set("R", new PdfInteger(rotate));
                widget.Set("MK", mk);
            }

            PdfReference fieldRef = writer.Add(widget);
            AddToAnnots(writer, view, page, fieldRef);
            List<PdfReference> toAdd = FindOrphanSignatureWidgets(view, catalog, fields, options.PageIndex);
            toAdd.Add(fieldRef);
            catalogChanged |= EnsureAcroForm(writer, view, catalogClone, toAdd);
        }

        if (options.DocMdp is not null)
        {
            var perms = view.GetDictionary(catalog.Get("Perms")) is { } p ? new PdfDictionary(p) : new PdfDictionary();
            perms.Set("DocMDP", sigRef);
            catalogClone.Set("Perms", perms);
            catalogChanged = true;
        }

        if (catalogChanged)
        {
            writer.Update(reader.RootReference, catalogClone);
        }

        return (sigRef, fieldName, byteRangeRel, contentsRel);
    }

    private static void CheckDocMdp(PdfObjectView view, PdfDictionary catalog, PdfSignatureOptions options, bool hasSignatures)
    {
        if (options.DocMdp is not null && hasSignatures)
        {
            throw new InvalidOperationException("A certification (DocMDP) signature must be the first signature of the document.");
        }

        PdfDictionary? perms = view.GetDictionary(catalog.Get("Perms"));
        PdfDictionary? docMdpSig = perms is null ? null : view.GetDictionary(perms.Get("DocMDP"));
        if (docMdpSig is null)
        {
            return;
        }

        if (options.DocMdp is not null)
        {
            throw new InvalidOperationException("The document is already certified (DocMDP); it cannot be certified again.");
        }

        PdfArray? refs = view.GetArray(docMdpSig.Get("Reference"));
        if (refs is null || options.IsDocumentTimestamp)
        {
            // ISO 32000-2 §12.8.2.2: DSS and document timestamps may be added whatever the DocMDP level.
            return;
        }

        if (refs.Count == 0)
        {
            return;
        }

        foreach (PdfObject o in refs.Items)
        {
            PdfDictionary? sigRef = view.GetDictionary(o);
            if (sigRef is not null && view.GetName(sigRef.Get("TransformMethod")) == "DocMDP"
                && view.GetDictionary(sigRef.Get("TransformParams")) is { } tp && view.GetInteger(tp.Get("P")) == 1)
            {
                throw new EDocPolicyException("pdf.docmdp", "The document is certified with DocMDP P=1 (no changes allowed); another signature would invalidate the certification.");
            }
        }
    }

    private static void AddToAnnots(PdfIncrementalWriter writer, PdfObjectView view, PdfPage page, PdfReference fieldRef)
    {
        PdfObject? annots = page.Dictionary.Get("Annots");
        if (annots is PdfReference annotsRef && view.Resolve(annotsRef) is PdfArray indirect)
        {
            var clone = new PdfArray(indirect.Items);
            clone.Add(fieldRef);
            writer.Update(annotsRef, clone);
            return;
        }

        var pageClone = new PdfDictionary(page.Dictionary);
        var array = annots is PdfArray direct ? new PdfArray(direct.Items) : new PdfArray();
        array.Add(fieldRef);
        pageClone.Set("Annots", array);
        writer.Update(page.Reference, pageClone);
    }

    /// <summary>
    /// Signature widgets on the first page and on the target page that are not in AcroForm /Fields (pdfsig
    /// -add-signature leaves them there); adding them to /Fields lets every reader list them.
    /// </summary>
    private static List<PdfReference> FindOrphanSignatureWidgets(PdfObjectView view, PdfDictionary catalog, List<PdfField> fields, int pageIndex)
    {
        var result = new List<PdfReference>();
        var known = new HashSet<int>();
        foreach (PdfField f in fields)
        {
            if (f.Reference is not null)
            {
                known.Add(f.Reference.Number);
            }

            foreach (PdfReference w in f.WidgetReferences)
            {
                known.Add(w.Number);
            }
        }

        foreach (int index in pageIndex == 0 ? new[] { 0 } : new[] { 0, pageIndex })
        {
            PdfPage page;
            try
            {
                page = PdfPageTree.GetPage(view, catalog, index);
            }
            catch (ArgumentOutOfRangeException)
            {
                continue;
            }

            if (view.GetArray(page.Dictionary.Get("Annots")) is not { } annots)
            {
                continue;
            }

            foreach (PdfObject a in annots.Items)
            {
                if (a is PdfReference r && !known.Contains(r.Number) && view.GetDictionary(r) is { } d
                    && d.GetNameValue("Subtype") == "Widget" && view.GetName(d.Get("FT")) == "Sig" && !d.ContainsKey("Parent") && d.ContainsKey("T"))
                {
                    known.Add(r.Number);
                    result.Add(r);
                }
            }
        }

        return result;
    }

    /// <summary>Adds <paramref name="fieldRefs"/> to AcroForm /Fields and sets /SigFlags 3; returns whether the catalog changed.</summary>
    private static bool EnsureAcroForm(PdfIncrementalWriter writer, PdfObjectView view, PdfDictionary catalogClone, List<PdfReference> fieldRefs)
    {
        PdfObject? acroObj = catalogClone.Get("AcroForm");
        PdfDictionary? acro = view.GetDictionary(acroObj);
        var acroClone = acro is null ? new PdfDictionary() : new PdfDictionary(acro);
        bool changed = false;
        long flags = view.GetInteger(acroClone.Get("SigFlags")) ?? 0;
        if ((flags & 3) != 3)
        {
            acroClone.Set("SigFlags", new PdfInteger(flags | 3));
            changed = true;
        }

        if (fieldRefs.Count > 0)
        {
            PdfObject? fieldsObj = acroClone.Get("Fields");
            if (fieldsObj is PdfReference fieldsRef && view.Resolve(fieldsRef) is PdfArray fieldsIndirect)
            {
                var clone = new PdfArray(fieldsIndirect.Items);
                clone.Items.AddRange(fieldRefs);
                writer.Update(fieldsRef, clone);
            }
            else
            {
                var array = view.Resolve(fieldsObj) is PdfArray direct ? new PdfArray(direct.Items) : new PdfArray();
                array.Items.AddRange(fieldRefs);
                acroClone.Set("Fields", array);
                changed = true;
            }
        }

        if (!changed)
        {
            return false;
        }

        if (acroObj is PdfReference acroRef && acro is not null)
        {
            writer.Update(acroRef, acroClone);
            return false;
        }

        catalogClone.Set("AcroForm", writer.Add(acroClone));
        return true;
    }

    private static (PdfRawObject Object, int ByteRangeRel, int ContentsRel) BuildSignatureDictionary(PdfSignatureOptions options)
    {
        using var b = new PdfByteBuffer(1024);
        b.WriteAscii(options.IsDocumentTimestamp ? "<</Type/DocTimeStamp" : "<</Type/Sig");
        b.WriteAscii("/Filter/Adobe.PPKLite/SubFilter");
        PdfObjectWriter.WriteName(b, options.SubFilter);
        if (options.SigningTime is { } m)
        {
            b.WriteAscii("/M");
            PdfObjectWriter.WriteString(b, PdfString.FromText(FormatPdfDate(m)));
        }

        WriteText(b, "Name", options.Name);
        WriteText(b, "Reason", options.Reason);
        WriteText(b, "Location", options.Location);
        WriteText(b, "ContactInfo", options.ContactInfo);
        if (options.DocMdp is { } p)
        {
            b.WriteAscii("/Reference[<</Type/SigRef/TransformMethod/DocMDP/TransformParams<</Type/TransformParams/P ");
            b.WriteInteger((int)p);
            b.WriteAscii("/V/1.2>>>>]");
        }

        b.WriteAscii("/ByteRange ");
        int byteRangeRel = b.Length;
        b.WriteAscii(ByteRangePlaceholder);
        b.WriteAscii("/Contents ");
        int contentsRel = b.Length;
        b.WriteByte((byte)'<');
        return (new PdfRawObject(b.WrittenSpan.ToArray(), (byte)'0', 2 * options.ContentsCapacity, ">>>"u8.ToArray()), byteRangeRel, contentsRel);
    }

    private static void WriteText(PdfByteBuffer b, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        PdfObjectWriter.WriteName(b, key);
        PdfObjectWriter.WriteString(b, PdfString.FromText(value));
    }
}
