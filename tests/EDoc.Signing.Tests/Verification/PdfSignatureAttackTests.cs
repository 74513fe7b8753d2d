using System.Text;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;
using EDoc.Signing.Tests.Pdf;
using EDoc.Signing.Verification;
using static EDoc.Signing.Tests.Verification.PdfAttacks;
using static EDoc.Signing.Tests.Verification.VerifierTestPdfs;

namespace EDoc.Signing.Tests.Verification;

/// <summary>
/// The PDF signature attacks of issue #7, each built from our own signed documents: universal signature forgery,
/// incremental saving, signature wrapping and shadow attacks. Every one must be reported invalid (with the kind of
/// change where the document was changed) and make <c>edoc verify</c> exit 1 naming the reason.
/// </summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfSignatureAttackTests(PdfCorpusFixture corpus)
{
    private PdfSignatureVerifier Verifier()
    {
        var options = new PdfVerificationOptions();
        options.TrustAnchors.Add(corpus.CaCertificate);
        return new PdfSignatureVerifier(options);
    }

    private string CaPem => WritePem(corpus.CaCertificate);

    private Task<string> SignedAsync(string input, string name = "signed.pdf") => SignAsync(input, corpus.NewTempFile(name), corpus.Signers[0]);

    /// <summary>Prepares content before signing (with our writer), then signs.</summary>
    private async Task<string> PrepareAndSignAsync(string input, Action<PdfIncrementalWriter> prepare)
        => await SignedAsync(await UpdateAsync(input, corpus.NewTempFile("prepared.pdf"), prepare));

    /// <summary>
    /// Asserts the first signature is invalid with one of <paramref name="codes"/>, and that <c>edoc verify</c> exits 1
    /// printing that code.
    /// </summary>
    private async Task<PdfSignatureReport> AssertRejectedAsync(string file, params string[] codes)
    {
        PdfVerificationReport report = await Verifier().VerifyFileAsync(file);
        Assert.False(report.IsValid, report.ToJson());
        PdfSignatureReport s = report.Signatures[0];
        Assert.True(s.Status == PdfVerificationStatus.Invalid, report.ToJson());
        EDoc.Validation.ValidationProblem problem = Assert.Single(s.Problems.Where(p => codes.Contains(p.Code)).Take(1));
        Assert.Equal(EDoc.Validation.ValidationSeverity.Error, problem.Severity);

        var (code, stdout, stderr) = await EdocAsync("verify", file, "--trust", CaPem);
        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("[" + problem.Code + "]", stdout, StringComparison.Ordinal);
        Assert.Contains("invalid", stderr, StringComparison.OrdinalIgnoreCase);
        return s;
    }

    /// <summary>Asserts a change after signing was found, classified as not allowed ("other"), with a reason containing <paramref name="reason"/>.</summary>
    private async Task AssertDisallowedChangeAsync(string file, string reason)
    {
        PdfSignatureReport s = await AssertRejectedAsync(file, "changes-not-allowed");
        Assert.Equal(PdfChangeCategory.Other, s.ChangesAfter);
        Assert.False(s.ChangesAllowed);
        Assert.Contains(s.ChangedObjects, c => c.Category == PdfChangeCategory.Other && c.Reason.Contains(reason, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(s.Problems, p => p.Code == "changes-not-allowed" && p.Message.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    private static (PdfReference Page, PdfDictionary Dictionary, PdfReference Contents) FirstPage(PdfDocumentReader reader)
    {
        PdfPage page = PdfPageTree.GetPage(reader.Latest, reader.Catalog, 0);
        PdfObject contents = page.Dictionary.Get("Contents")!;
        return (page.Reference, page.Dictionary, contents as PdfReference ?? (PdfReference)Assert.IsType<PdfArray>(contents)[0]);
    }

    /// <summary>The object number of the first content stream of <paramref name="file"/>'s first page.</summary>
    private static int FirstPageContents(string file)
    {
        using PdfDocumentReader r = Open(file);
        return FirstPage(r).Contents.Number;
    }

    /// <summary>Signs the one-page fixture; returns it with the object number of its first page's content stream.</summary>
    private async Task<(string Signed, int Contents)> SignedLoAsync()
    {
        string signed = await SignedAsync(corpus.Path(PdfCorpusFixture.Lo));
        return (signed, FirstPageContents(signed));
    }

    /// <summary>The widget of the form fixture's field SoVanBan, and a copy of its dictionary to change.</summary>
    private static (PdfReference Reference, PdfDictionary Copy) SoVanBanWidget(PdfIncrementalWriter w)
    {
        PdfField field = PdfAcroForm.EnumerateFields(w.Reader.Latest, w.Reader.Catalog).Single(f => f.FullName == "SoVanBan");
        PdfReference widgetRef = field.WidgetReferences.Count > 0 ? field.WidgetReferences[0] : field.Reference!;
        return (widgetRef, new PdfDictionary(w.Reader.Latest.GetDictionary(widgetRef)!));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Universal signature forgery: the signature dictionary is patched in place.

    public static TheoryData<string> ByteRangeForgeries => new()
    {
        "missing", "null", "empty", "three-numbers", "five-numbers", "not-integers", "negative", "overlapping",
        "not-starting-at-zero", "gap-larger-than-contents", "gap-smaller-than-contents", "zero-length", "beyond-eof",
    };

    [Theory]
    [MemberData(nameof(ByteRangeForgeries))]
    public async Task UniversalForgery_ByteRangeManipulated_InvalidWithByteRangeReason(string variant)
    {
        string signed = await SignedAsync(corpus.Path(PdfCorpusFixture.Lo));
        (string text, long[] br) = ByteRangeOf(signed);
        long a = br[1], b = br[2], c = br[3];
        string replacement = variant switch
        {
            "missing" => "/XyteRange [0 " + a + " " + b + " " + c + "]",
            "null" => "/ByteRange null",
            "empty" => "/ByteRange []",
            "three-numbers" => $"/ByteRange [0 {a} {b}]",
            "five-numbers" => $"/ByteRange [0 {a} {b} {c} 0]",
            "not-integers" => $"/ByteRange [0 {a}.0 {b} {c}]",
            "negative" => $"/ByteRange [0 {a} -{b} {c}]",
            "overlapping" => $"/ByteRange [0 {b + 10} {b} {c}]",
            "not-starting-at-zero" => $"/ByteRange [9 {a - 9} {b} {c}]",
            "gap-larger-than-contents" => $"/ByteRange [0 {a - 1} {b + 1} {c - 1}]",
            "gap-smaller-than-contents" => $"/ByteRange [0 {a + 2} {b - 2} {c + 2}]",
            "zero-length" => "/ByteRange [0 0 0 0]",
            "beyond-eof" => $"/ByteRange [0 {a} {b} {c + 100}]",
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
        string forged = await PatchAsync(signed, corpus.NewTempFile(variant + ".pdf"), text, replacement);

        PdfSignatureReport s = await AssertRejectedAsync(forged, "byterange-insane", "byterange-missing", "byterange-outside");
        Assert.NotEmpty(s.ByteRangeProblems);
        var (_, stdout, _) = await EdocAsync("verify", forged, "--trust", CaPem);
        Assert.Contains("ByteRange", stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string> ContentsForgeries => new()
    {
        "missing", "null", "empty", "zeros", "not-asn1", "certificate-not-cms", "truncated-cms", "cms-of-another-document",
    };

    [Theory]
    [MemberData(nameof(ContentsForgeries))]
    public async Task UniversalForgery_ContentsManipulated_InvalidWithSignatureReason(string variant)
    {
        string signed = await SignedAsync(corpus.Path(PdfCorpusFixture.Lo));
        (_, long[] br) = ByteRangeOf(signed);
        long gapStart = br[1], gapEnd = br[2];
        int hexLength = (int)(gapEnd - gapStart - 2);
        string forged = corpus.NewTempFile(variant + ".pdf");
        string Hex(byte[] value) => Convert.ToHexString(value).PadRight(hexLength, '0');
        switch (variant)
        {
            case "missing":
                await PatchAsync(signed, forged, "/Contents <", "/Xontents <");
                break;
            case "null":
                await OverwriteAsync(signed, forged, gapStart, Encoding.ASCII.GetBytes("null".PadRight(hexLength + 2)));
                break;
            case "empty":
                await OverwriteAsync(signed, forged, gapStart, Encoding.ASCII.GetBytes("<>".PadRight(hexLength + 2)));
                break;
            case "zeros":
                await OverwriteAsync(signed, forged, gapStart + 1, Encoding.ASCII.GetBytes(new string('0', hexLength)));
                break;
            case "not-asn1":
                await OverwriteAsync(signed, forged, gapStart + 1, Encoding.ASCII.GetBytes(Hex(Encoding.ASCII.GetBytes("this is not a CMS signature"))));
                break;
            case "certificate-not-cms":
                await OverwriteAsync(signed, forged, gapStart + 1, Encoding.ASCII.GetBytes(Hex(corpus.Signers[0].RawData)));
                break;
            case "truncated-cms":
                byte[] cms = LastCms(signed);
                await OverwriteAsync(signed, forged, gapStart + 1, Encoding.ASCII.GetBytes(Hex(cms[..(cms.Length / 2)])));
                break;
            case "cms-of-another-document":
                string other = await SignedAsync(corpus.Path(PdfCorpusFixture.LoForm), "other.pdf");
                byte[] otherCms = LastCms(other);
                Assert.True(otherCms.Length * 2 <= hexLength);
                await OverwriteAsync(signed, forged, gapStart + 1, Encoding.ASCII.GetBytes(Hex(otherCms)));
                break;
        }

        PdfSignatureReport s = await AssertRejectedAsync(forged, "cms-format", "message-digest-mismatch", "byterange-insane", "byterange-missing");
        Assert.False(s.IsIntegrityValid);
        if (variant == "cms-of-another-document")
        {
            Assert.Contains(s.Problems, p => p.Code == "message-digest-mismatch");
        }
        else if (variant is "zeros" or "not-asn1" or "certificate-not-cms" or "truncated-cms")
        {
            Assert.Contains(s.Problems, p => p.Code == "cms-format");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Incremental saving attacks: a later revision changes the document, with or without an honest xref.

    [Fact]
    public async Task IncrementalSaving_ContentStreamRedefinedWithXref_InvalidStreamChanged()
    {
        var (signed, contents) = await SignedLoAsync();

        string attacked = await AppendAsync(signed, corpus.NewTempFile("isa-content.pdf"), [RedPageContent(contents)]);

        await AssertDisallowedChangeAsync(attacked, "stream changed");
    }

    [Fact]
    public async Task IncrementalSaving_PageReplacedInPageTree_InvalidPagesChanged()
    {
        string signed = await SignedAsync(corpus.Path(PdfCorpusFixture.Lo));
        string attacked = await UpdateAsync(signed, corpus.NewTempFile("isa-page-replaced.pdf"), w =>
        {
            var pagesRef = (PdfReference)w.Reader.Catalog.Get("Pages")!;
            var pages = new PdfDictionary(w.Reader.Latest.GetDictionary(pagesRef)!);
            var kids = new PdfArray(w.Reader.Latest.GetArray(pages.Get("Kids"))!.Items);
            var page = new PdfDictionary(w.Reader.Latest.GetDictionary(kids[0])!);
            page.Set("Contents", w.Add(new PdfStream(new PdfDictionary(), Encoding.ASCII.GetBytes(RedPage))));
            kids.Items[0] = w.Add(page);
            pages.Set("Kids", kids);
            w.Update(pagesRef, pages);
        });

        await AssertDisallowedChangeAsync(attacked, "/Pages object changed");
    }

    [Fact]
    public async Task IncrementalSaving_CatalogChanged_InvalidNamesCatalogEntry()
    {
        string signed = await SignedAsync(corpus.Path(PdfCorpusFixture.Lo));
        string attacked = await UpdateAsync(signed, corpus.NewTempFile("isa-catalog.pdf"), w =>
        {
            var catalog = new PdfDictionary(w.Reader.Catalog);
            var action = new PdfDictionary();
            action.Set("S", new PdfName("URI"));
            action.Set("URI", PdfString.FromText("https://attacker.example/"));
            catalog.Set("OpenAction", action);
            w.Update(w.Reader.RootReference, catalog);
        });

        await AssertDisallowedChangeAsync(attacked, "catalog entries changed: OpenAction");
    }

    [Fact]
    public async Task IncrementalSaving_NewCatalogThroughTrailerRoot_InvalidCatalogReplaced()
    {
        string signed = await SignedAsync(corpus.Path(PdfCorpusFixture.Lo));
        using PdfDocumentReader r = Open(signed);
        string catalog = PdfObjectWriter.ToDebugString(r.Catalog);
        int number = r.Size + 5;

        string attacked = await AppendAsync(signed, corpus.NewTempFile("isa-new-root.pdf"), [new(number, catalog.Replace(">>", "/PageMode /FullScreen >>", StringComparison.Ordinal))], root: number);

        await AssertDisallowedChangeAsync(attacked, "catalog");
    }

    [Theory]
    [InlineData("no-xref")]
    [InlineData("old-startxref")]
    public async Task IncrementalSaving_ObjectsAppendedWithoutXref_InvalidUnlistedObjects(string variant)
    {
        Xref mode = variant == "no-xref" ? Xref.None : Xref.OldStartXref;
        var (signed, contents) = await SignedLoAsync();

        string attacked = await AppendAsync(signed, corpus.NewTempFile("isa-no-xref.pdf"), [RedPageContent(contents)], mode);

        await AssertDisallowedChangeAsync(attacked, "not listed");
    }

    [Fact]
    public async Task IncrementalSaving_XrefHidesChangedObject_InvalidUnlistedObject()
    {
        var (signed, contents) = await SignedLoAsync();
        int harmless;
        using (PdfDocumentReader r = Open(signed))
        {
            harmless = r.Size + 1;
        }

        // The new xref lists only a harmless new object; the changed page content is in the update but not listed.
        string attacked = await AppendAsync(
            signed,
            corpus.NewTempFile("isa-hidden.pdf"),
            [RedPageContent(contents), new(harmless, "<< /Note (nothing) >>")],
            unlisted: [contents]);

        await AssertDisallowedChangeAsync(attacked, "not listed");
    }

    [Fact]
    public async Task IncrementalSaving_BrokenPrevForcesRecovery_InvalidRevisionUnknown()
    {
        var (signed, contents) = await SignedLoAsync();
        string update = await AppendAsync(signed, corpus.NewTempFile("isa-update.pdf"), [RedPageContent(contents)]);
        // The trailer's /Prev points nowhere: readers fall back to scanning, where the last definition wins.
        string latin = Latin(await File.ReadAllBytesAsync(update));
        int prevAt = latin.LastIndexOf("/Prev ", StringComparison.Ordinal);
        string prev = latin[prevAt..latin.IndexOf(">>", prevAt, StringComparison.Ordinal)];
        string attacked = await PatchAsync(update, corpus.NewTempFile("isa-broken-prev.pdf"), prev, "/Prev 7 ");

        PdfSignatureReport s = await AssertRejectedAsync(attacked, "revision-unknown", "byterange-insane");
        Assert.False(s.ChangesAllowed);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Signature wrapping: the signed bytes are not where the reader looks.

    [Fact]
    public async Task SignatureWrapping_SignatureDictionaryCopiedIntoLaterRevision_Invalid()
    {
        var (signed, contents) = await SignedLoAsync();
        using PdfDocumentReader r = Open(signed);
        PdfSignatureInfo info = Assert.Single(PdfSignatureInspector.Inspect(r, includeChanges: false));
        byte[] bytes = await File.ReadAllBytesAsync(signed);
        long sigAt = OffsetOf(r, info.SignatureReference!.Number);
        string sigObject = Latin(bytes[(int)sigAt..]);
        string body = sigObject[(sigObject.IndexOf("obj", StringComparison.Ordinal) + 3)..sigObject.IndexOf("endobj", StringComparison.Ordinal)].Trim();

        // The copy keeps the original ByteRange (pointing at the original, signed bytes) and the original CMS.
        string attacked = await AppendAsync(
            signed,
            corpus.NewTempFile("swa-copy.pdf"),
            [new(info.SignatureReference.Number, body), RedPageContent(contents)]);

        PdfSignatureReport s = await AssertRejectedAsync(attacked, "byterange-insane", "changes-not-allowed");
        Assert.Contains(s.Problems, p => p.Code == "byterange-insane");
        Assert.Contains(s.Problems, p => p.Code == "changes-not-allowed");
        Assert.Contains(s.ChangedObjects, c => c.ObjectNumber == info.SignatureReference.Number && c.Category == PdfChangeCategory.Other);
    }

    [Fact]
    public async Task SignatureWrapping_ByteRangeMovedToRelocatedSignedTail_Invalid()
    {
        var (signed, contents) = await SignedLoAsync();
        (string text, long[] br) = ByteRangeOf(signed);
        byte[] original = await File.ReadAllBytesAsync(signed);
        byte[] tail = original[(int)br[2]..];

        // Malicious objects go right after /Contents, the original signed tail is moved to the end of the file and
        // the second range points at it.
        string update = await AppendAsync(signed, corpus.NewTempFile("swa-update.pdf"), [RedPageContent(contents)]);
        byte[] updated = await File.ReadAllBytesAsync(update);
        byte[] wrapped = [.. updated, .. tail];
        string moved = $"/ByteRange [0 {br[1]} {updated.Length} {tail.Length}]";
        Assert.True(moved.Length <= text.Length);
        string staging = corpus.NewTempFile("swa-staging.pdf");
        await File.WriteAllBytesAsync(staging, wrapped);
        string attacked = await PatchAsync(staging, corpus.NewTempFile("swa-moved.pdf"), text, moved);

        PdfSignatureReport s = await AssertRejectedAsync(attacked, "byterange-insane", "revision-unknown", "changes-not-allowed");
        Assert.Contains(s.Problems, p => p.Code == "byterange-insane");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shadow attacks: content prepared before signing, revealed or swapped by a later revision.

    private static PdfDictionary PageResources(PdfIncrementalWriter w, PdfDictionary page)
        => new(w.Reader.Latest.GetDictionary(page.Get("Resources")) ?? new PdfDictionary());

    /// <summary>Adds a stream to the page's content after the existing content, and a named resource it uses.</summary>
    private static void AddPageContent(PdfIncrementalWriter w, string content, string category, string name, PdfObject resource)
    {
        var (pageRef, pageDict, _) = FirstPage(w.Reader);
        var page = new PdfDictionary(pageDict);
        PdfDictionary resources = PageResources(w, pageDict);
        var named = new PdfDictionary(w.Reader.Latest.GetDictionary(resources.Get(category)) ?? new PdfDictionary());
        named.Set(name, resource);
        resources.Set(category, named);
        page.Set("Resources", resources);
        page.Set("Contents", new PdfArray([.. ContentItems(w, pageDict), w.Add(new PdfStream(new PdfDictionary(), Encoding.ASCII.GetBytes(content)))]));
        w.Update(pageRef, page);
    }

    private static List<PdfObject> ContentItems(PdfIncrementalWriter w, PdfDictionary page)
        => page.Get("Contents") is PdfReference single && w.Reader.Latest.Resolve(single) is PdfStream ? [single] : [.. w.Reader.Latest.GetArray(page.Get("Contents"))!.Items];

    private static PdfStream Form(string content)
    {
        var d = new PdfDictionary();
        d.Set("Type", new PdfName("XObject"));
        d.Set("Subtype", new PdfName("Form"));
        d.Set("BBox", PdfArray.OfNumbers(0, 0, 595, 842));
        return new PdfStream(d, Encoding.ASCII.GetBytes(content));
    }

    private const string Hidden = "1 0 0 rg 50 50 200 50 re f";
    private const string WhiteCover = "1 1 1 rg 40 40 220 70 re f";

    [Fact]
    public async Task Shadow_HideByEmptyingOverlayFormXObject_InvalidFormXObjectChanged()
    {
        PdfReference overlay = null!;
        string signed = await PrepareAndSignAsync(corpus.Path(PdfCorpusFixture.Lo), w =>
        {
            overlay = w.Add(Form(WhiteCover));
            AddPageContent(w, Hidden + " q /EDocOverlay Do Q", "XObject", "EDocOverlay", overlay);
        });
        Assert.True((await Verifier().VerifyFileAsync(signed)).IsValid);

        string attacked = await AppendAsync(signed, corpus.NewTempFile("shadow-hide-xobject.pdf"), [EmptyForm(overlay.Number)]);

        await AssertDisallowedChangeAsync(attacked, "form XObject changed");
    }

    private static PdfReference AddCoveringAnnotation(PdfIncrementalWriter w, out PdfReference appearance)
    {
        var (pageRef, pageDict, _) = FirstPage(w.Reader);
        appearance = w.Add(Form(WhiteCover));
        var ap = new PdfDictionary();
        ap.Set("N", appearance);
        var annot = new PdfDictionary();
        annot.Set("Type", new PdfName("Annot"));
        annot.Set("Subtype", new PdfName("Square"));
        annot.Set("Rect", PdfArray.OfNumbers(40, 40, 260, 110));
        annot.Set("F", new PdfInteger(4));
        annot.Set("AP", ap);
        PdfReference annotRef = w.Add(annot);
        var page = new PdfDictionary(pageDict);
        page.Set("Annots", new PdfArray([annotRef]));
        PdfDictionary resources = PageResources(w, pageDict);
        page.Set("Resources", resources);
        page.Set("Contents", new PdfArray([.. ContentItems(w, pageDict), w.Add(new PdfStream(new PdfDictionary(), Encoding.ASCII.GetBytes(Hidden)))]));
        w.Update(pageRef, page);
        return annotRef;
    }

    [Fact]
    public async Task Shadow_HideByEmptyingAnnotationAppearance_InvalidAnnotationPresentWhenSigned()
    {
        PdfReference appearance = null!;
        string signed = await PrepareAndSignAsync(corpus.Path(PdfCorpusFixture.Lo), w => AddCoveringAnnotation(w, out appearance));
        Assert.True((await Verifier().VerifyFileAsync(signed)).IsValid);

        string attacked = await AppendAsync(signed, corpus.NewTempFile("shadow-hide-annotation.pdf"), [EmptyForm(appearance.Number)]);

        await AssertDisallowedChangeAsync(attacked, "present when signed");
    }

    [Fact]
    public async Task Shadow_HideByRemovingAnnotation_InvalidAnnotationPresentWhenSigned()
    {
        string signed = await PrepareAndSignAsync(corpus.Path(PdfCorpusFixture.Lo), w => AddCoveringAnnotation(w, out _));

        string attacked = await UpdateAsync(signed, corpus.NewTempFile("shadow-remove-annotation.pdf"), w =>
        {
            var (pageRef, pageDict, _) = FirstPage(w.Reader);
            var page = new PdfDictionary(pageDict);
            page.Set("Annots", new PdfArray());
            w.Update(pageRef, page);
        });

        await AssertDisallowedChangeAsync(attacked, "present when signed");
    }

    [Fact]
    public async Task Shadow_ReplaceFormFieldAppearanceWithoutValueChange_InvalidNotFormFill()
    {
        string signed = await SignedAsync(corpus.Path(PdfCorpusFixture.LoForm));

        string attacked = await UpdateAsync(signed, corpus.NewTempFile("shadow-replace-field.pdf"), w =>
        {
            var (widgetRef, widget) = SoVanBanWidget(w);
            var ap = new PdfDictionary();
            ap.Set("N", w.Add(Form("BT /Helv 12 Tf 2 4 Td (99/QD-UBND) Tj ET")));
            widget.Set("AP", ap);
            w.Update(widgetRef, widget);
        });

        await AssertDisallowedChangeAsync(attacked, "value did not change");
    }

    [Fact]
    public async Task Shadow_RevealHiddenFormField_InvalidFieldChangedBeyondFillIn()
    {
        static void SetFlags(PdfIncrementalWriter w, int flags)
        {
            var (widgetRef, widget) = SoVanBanWidget(w);
            widget.Set("F", new PdfInteger(flags));
            w.Update(widgetRef, widget);
        }

        string signed = await PrepareAndSignAsync(corpus.Path(PdfCorpusFixture.LoForm), w => SetFlags(w, 2));

        string attacked = await UpdateAsync(signed, corpus.NewTempFile("shadow-reveal-field.pdf"), w => SetFlags(w, 4));

        await AssertDisallowedChangeAsync(attacked, "not a form fill-in");
    }

    [Fact]
    public async Task Shadow_ReplaceFont_InvalidFontChanged()
    {
        string signed = await SignedAsync(corpus.Path(PdfCorpusFixture.Lo));
        using PdfDocumentReader r = Open(signed);
        var (_, page, _) = FirstPage(r);
        PdfDictionary fonts = r.Latest.GetDictionary(r.Latest.GetDictionary(page.Get("Resources"))!.Get("Font"))!;
        var fontRef = (PdfReference)fonts.Entries.First(e => e.Value is PdfReference).Value;

        string attacked = await AppendAsync(signed, corpus.NewTempFile("shadow-font.pdf"), [new(fontRef.Number, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")]);

        await AssertDisallowedChangeAsync(attacked, "/Font object changed");
    }

    [Fact]
    public async Task Shadow_RevealOptionalContent_InvalidObjectChanged()
    {
        PdfReference ocProperties = null!;
        PdfReference ocg = null!;
        string signed = await PrepareAndSignAsync(corpus.Path(PdfCorpusFixture.Lo), w =>
        {
            var group = new PdfDictionary();
            group.Set("Type", new PdfName("OCG"));
            group.Set("Name", PdfString.FromText("hidden"));
            ocg = w.Add(group);
            var d = new PdfDictionary();
            d.Set("OFF", new PdfArray([ocg]));
            var props = new PdfDictionary();
            props.Set("OCGs", new PdfArray([ocg]));
            props.Set("D", d);
            ocProperties = w.Add(props);
            var catalog = new PdfDictionary(w.Reader.Catalog);
            catalog.Set("OCProperties", ocProperties);
            w.Update(w.Reader.RootReference, catalog);
            AddPageContent(w, "/OC /EDocHidden BDC " + Hidden + " EMC", "Properties", "EDocHidden", ocg);
        });

        string attacked = await AppendAsync(signed, corpus.NewTempFile("shadow-ocg.pdf"), [new(ocProperties.Number, $"<< /OCGs [{ocg.Number} 0 R] /D << /ON [{ocg.Number} 0 R] >> >>")]);

        await AssertDisallowedChangeAsync(attacked, "object changed");
    }

    [Fact]
    public async Task Shadow_HideAndReplaceByXrefRedirectToPreparedObject_InvalidRedirected()
    {
        // Before signing, a second, unlisted definition of the page content object is put in the file.
        string lo = corpus.Path(PdfCorpusFixture.Lo);
        int contents = FirstPageContents(lo);
        string prepared = await AppendAsync(lo, corpus.NewTempFile("prepared-duplicate.pdf"), [RedPageContent(contents)], unlisted: [contents]);
        string signed = await SignedAsync(prepared);
        Assert.True((await Verifier().VerifyFileAsync(signed)).IsValid);
        long alternative = Latin(await File.ReadAllBytesAsync(signed)).LastIndexOf($"\n{contents} 0 obj", StringComparison.Ordinal) + 1;

        // The update is an xref section only: it points the content object at the prepared definition.
        string attacked = await AppendAsync(signed, corpus.NewTempFile("shadow-hide-and-replace.pdf"), [], redirects: new Dictionary<int, long> { [contents] = alternative });

        await AssertDisallowedChangeAsync(attacked, "signed bytes");
    }

    [Fact]
    public async Task Shadow_HideAndReplaceByTrailerRootToPreparedCatalog_InvalidCatalogReplaced()
    {
        // The prepared catalog shares the pages (so the signature widget is found) but opens with a script.
        int altCatalog = 0;
        string signed = await PrepareAndSignAsync(corpus.Path(PdfCorpusFixture.Lo), w =>
        {
            var action = new PdfDictionary();
            action.Set("S", new PdfName("JavaScript"));
            action.Set("JS", PdfString.FromText("app.alert('Văn bản đã được phê duyệt: 1.000.000.000 đồng');"));
            var catalog = new PdfDictionary(w.Reader.Catalog);
            catalog.Set("OpenAction", action);
            altCatalog = w.Add(catalog).Number;
        });
        Assert.True((await Verifier().VerifyFileAsync(signed)).IsValid);

        string attacked = await AppendAsync(signed, corpus.NewTempFile("shadow-root.pdf"), [], root: altCatalog);

        await AssertDisallowedChangeAsync(attacked, "catalog");
    }

    [Fact]
    public async Task Shadow_HideAndReplaceByFillingDanglingReference_InvalidMissingWhenSigned()
    {
        int missing = 0;
        string signed = await PrepareAndSignAsync(corpus.Path(PdfCorpusFixture.Lo), w =>
        {
            missing = w.Reader.Size + 40;
            AddPageContent(w, "q /EDocLater Do Q", "XObject", "EDocLater", new PdfReference(missing, 0));
        });
        Assert.True((await Verifier().VerifyFileAsync(signed)).IsValid);

        string attacked = await AppendAsync(signed, corpus.NewTempFile("shadow-dangling.pdf"), [new(missing, Stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842]", RedPage))]);

        await AssertDisallowedChangeAsync(attacked, "missing when signed");
    }
}
