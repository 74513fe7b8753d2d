using EDoc.Formats;

namespace EDoc.Abstractions.Tests.Formats;

public sealed class AttachmentFormatPolicyTests
{
    public static TheoryData<string, byte[], AttachmentFormat> AllowedFiles => new()
    {
        { "123-UBND-VX.pdf", TestFiles.Pdf(), AttachmentFormat.Pdf },
        { "BAO-CAO.PDF", TestFiles.Pdf(), AttachmentFormat.Pdf },
        { "ghi-chu.txt", TestFiles.Utf8Text(), AttachmentFormat.PlainText },
        { "danh-sach.csv", TestFiles.Csv(), AttachmentFormat.Csv },
        { "to-trinh.rtf", TestFiles.Rtf(), AttachmentFormat.Rtf },
        { "du-thao.docx", TestFiles.Docx(), AttachmentFormat.Docx },
        { "bang-tinh.xlsx", TestFiles.Xlsx(), AttachmentFormat.Xlsx },
        { "van-ban.odt", TestFiles.Odf("application/vnd.oasis.opendocument.text"), AttachmentFormat.Odt },
        { "so-lieu.ods", TestFiles.Odf("application/vnd.oasis.opendocument.spreadsheet"), AttachmentFormat.Ods },
        { "anh.jpg", TestFiles.Jpeg(), AttachmentFormat.Jpeg },
        { "anh.jpeg", TestFiles.Jpeg(), AttachmentFormat.Jpeg },
        { "cu.doc", TestFiles.Ole(false, "WordDocument", "1Table"), AttachmentFormat.Doc },
        { "cu.xls", TestFiles.Ole(false, "Workbook"), AttachmentFormat.Xls },
        { "cu95.xls", TestFiles.Ole(false, "Book"), AttachmentFormat.Xls },
        { "dai.doc", TestFiles.Ole(true, "\u0005SummaryInformation", "\u0005DocumentSummaryInformation", "1Table", "Data", "WordDocument"), AttachmentFormat.Doc },
    };

    [Theory]
    [MemberData(nameof(AllowedFiles))]
    public void Detect_AllowedFormat_FromSpanAndStream_IsAllowed(string name, byte[] content, AttachmentFormat expected)
    {
        var fromSpan = AttachmentFormatPolicy.Detect(content, name);
        using var stream = new MemoryStream(content);
        var fromStream = AttachmentFormatPolicy.Detect(stream, name);
        var fromNonSeekable = AttachmentFormatPolicy.Detect(new NonSeekableStream(content), name);

        Assert.True(fromSpan.IsAllowed, fromSpan.Reason);
        Assert.Equal(expected, fromSpan.Format);
        Assert.Null(fromSpan.Reason);
        Assert.Equal(fromSpan, fromStream);
        Assert.Equal(fromSpan, fromNonSeekable);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void Detect_ExeRenamedPdf_RejectedAsWindowsExecutable()
    {
        var result = AttachmentFormatPolicy.Detect(TestFiles.Exe(), "quyet-dinh.pdf");

        Assert.False(result.IsAllowed);
        Assert.Equal(AttachmentFormat.WindowsExecutable, result.Format);
        Assert.Equal(AttachmentFormat.Pdf, result.ExtensionFormat);
        Assert.Equal(AttachmentRejection.ContentNotAllowed, result.Rejection);
        Assert.Contains("quyet-dinh.pdf", result.Reason, StringComparison.Ordinal);
        Assert.Contains(".pdf", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Windows executable (MZ)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_ZipRenamedDocx_RejectedAsNotOoxml()
    {
        var result = AttachmentFormatPolicy.Detect(TestFiles.PlainZip(), "du-thao.docx");

        Assert.Equal(AttachmentFormat.Zip, result.Format);
        Assert.Equal(AttachmentRejection.ContentNotAllowed, result.Rejection);
        Assert.Contains("neither an OOXML nor an OpenDocument", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_OoxmlWithoutWordDocumentPart_Rejected()
    {
        var result = AttachmentFormatPolicy.Detect(TestFiles.OoxmlWithoutMainPart(), "du-thao.docx");

        Assert.False(result.IsAllowed);
        Assert.Equal(AttachmentFormat.OfficeOpenXmlOther, result.Format);
        Assert.Contains("without word/document.xml", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("du-thao.docx", "xlsx")]
    [InlineData("du-thao.doc", "docx")]
    [InlineData("du-thao.pdf", "docx")]
    [InlineData("du-thao.odt", "docx")]
    public void Detect_AllowedContentWithWrongExtension_RejectedAsMismatch(string name, string contentKind)
    {
        var content = contentKind == "xlsx" ? TestFiles.Xlsx() : TestFiles.Docx();

        var result = AttachmentFormatPolicy.Detect(content, name);

        Assert.Equal(AttachmentRejection.ExtensionMismatch, result.Rejection);
        Assert.Contains("must match the content", result.Reason, StringComparison.Ordinal);
        Assert.Contains($"({contentKind})", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bao-cao.pdf", "docx")]
    [InlineData("bang.xls", "doc")]
    [InlineData("van-ban.doc", "xls")]
    [InlineData("anh.jpg", "pdf")]
    [InlineData("ghi-chu.txt", "pdf")]
    [InlineData("bao-cao.pdf", "txt")]
    [InlineData("bao-cao.docx", "odt")]
    public void Detect_CrossFormatRenames_AllRejected(string name, string contentKind)
    {
        byte[] content = contentKind switch
        {
            "docx" => TestFiles.Docx(),
            "doc" => TestFiles.Ole(false, "WordDocument"),
            "xls" => TestFiles.Ole(false, "Workbook"),
            "pdf" => TestFiles.Pdf(),
            "txt" => TestFiles.Utf8Text(),
            _ => TestFiles.Odf("application/vnd.oasis.opendocument.text"),
        };

        var result = AttachmentFormatPolicy.Detect(content, name);

        Assert.Equal(AttachmentRejection.ExtensionMismatch, result.Rejection);
    }

    [Theory]
    [InlineData("slides.pptx", "pptx", AttachmentFormat.OfficeOpenXmlOther, "PowerPoint")]
    [InlineData("du-thao.docx", "docm", AttachmentFormat.OfficeOpenXmlOther, "macro-enabled")]
    [InlineData("trinh-chieu.odt", "odp", AttachmentFormat.OpenDocumentOther, "presentation")]
    [InlineData("slides.doc", "ppt", AttachmentFormat.OleCompound, "PowerPoint 97-2003")]
    [InlineData("mat-khau.docx", "encrypted", AttachmentFormat.OleCompound, "encrypted")]
    [InlineData("anh.jpg", "png", AttachmentFormat.Png, "PNG")]
    [InlineData("setup.pdf", "elf", AttachmentFormat.LinuxExecutable, "ELF")]
    public void Detect_RecognisedButNotAllowed_ReasonNamesContent(string name, string kind, AttachmentFormat expected, string fragment)
    {
        byte[] content = kind switch
        {
            "pptx" => TestFiles.Pptx(),
            "docm" => TestFiles.Docx(macros: true),
            "odp" => TestFiles.Odf("application/vnd.oasis.opendocument.presentation"),
            "ppt" => TestFiles.Ole(false, "PowerPoint Document", "Current User"),
            "encrypted" => TestFiles.Ole(false, "EncryptionInfo", "EncryptedPackage"),
            "png" => TestFiles.Png(),
            _ => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0],
        };

        var result = AttachmentFormatPolicy.Detect(content, name);

        Assert.Equal(expected, result.Format);
        Assert.Equal(AttachmentRejection.ContentNotAllowed, result.Rejection);
        Assert.Contains(fragment, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_AllowedContentWithoutAllowedExtension_Rejected()
    {
        Assert.Equal(AttachmentRejection.ExtensionNotAllowed, AttachmentFormatPolicy.Detect(TestFiles.Pdf(), "bao-cao").Rejection);
        Assert.Equal(AttachmentRejection.ExtensionNotAllowed, AttachmentFormatPolicy.Detect(TestFiles.Pdf(), "bao-cao.pdf.exe").Rejection);
        Assert.Equal(AttachmentRejection.ExtensionNotAllowed, AttachmentFormatPolicy.Detect(TestFiles.Utf8Text(), "script.js").Rejection);
    }

    [Fact]
    public void Detect_EmptyAndBinaryAndLegacyText_Rejected()
    {
        byte[] tcvn3 = [0x55, 0xF7, 0x20, 0x62, 0xAB, 0x6E, 0x20, 0x6E, 0x68, 0xA9, 0x6E, 0x20, 0x64, 0xA9, 0x6E]; // "Uû ban nh©n d©n" in TCVN3

        Assert.Equal(AttachmentRejection.Empty, AttachmentFormatPolicy.Detect([], "a.pdf").Rejection);
        var binary = AttachmentFormatPolicy.Detect([1, 2, 0, 4], "a.txt");
        Assert.Equal(AttachmentRejection.UnknownContent, binary.Rejection);
        Assert.Contains("NUL", binary.Reason, StringComparison.Ordinal);
        var legacy = AttachmentFormatPolicy.Detect(tcvn3, "a.txt");
        Assert.Equal(AttachmentRejection.UnknownContent, legacy.Rejection);
        Assert.Contains("TCVN 6909", legacy.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_TruncatedZip_RejectedAsDamaged()
    {
        var docx = TestFiles.Docx();

        var result = AttachmentFormatPolicy.Detect(docx.AsSpan(0, 100), "du-thao.docx");

        Assert.Equal(AttachmentRejection.UnknownContent, result.Rejection);
        Assert.Contains("damaged or truncated ZIP", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_ZipDeclaringTooManyEntries_RejectedBeforeReadingDirectory()
    {
        var zip = TestFiles.Docx();
        var eocd = zip.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(eocd + 8), 60_000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(eocd + 10), 60_000);

        var result = AttachmentFormatPolicy.Detect(zip, "du-thao.docx");

        Assert.Equal(AttachmentRejection.LimitExceeded, result.Rejection);
        Assert.Contains("60000 entries", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_ZipWithManyRealEntries_Rejected()
    {
        var entries = Enumerable.Range(0, AttachmentFormatPolicy.MaxZipEntries + 1).Select(i => ($"f{i}.txt", "")).ToArray();

        var result = AttachmentFormatPolicy.Detect(TestFiles.Zip(entries), "a.docx");

        Assert.Equal(AttachmentRejection.LimitExceeded, result.Rejection);
    }

    [Fact]
    public void Detect_TruncatedOle_RejectedNotThrown()
    {
        var doc = TestFiles.Ole(false, "WordDocument");

        var result = AttachmentFormatPolicy.Detect(doc.AsSpan(0, 600), "cu.doc");

        Assert.False(result.IsAllowed);
        Assert.Equal(AttachmentFormat.OleCompound, result.Format);
    }

    [Fact]
    public void Detect_PdfHeaderAfterJunk_WithinFirstKilobyte_IsPdf()
    {
        var content = new byte[100].Select(_ => (byte)' ').Concat(TestFiles.Pdf()).ToArray();

        Assert.Equal(AttachmentFormat.Pdf, AttachmentFormatPolicy.Detect(content, "a.pdf").Format);
    }

    [Fact]
    public void Detect_Utf8TextCutMidCharacterInStreamSample_StillText()
    {
        // 'ệ' is 3 bytes in UTF-8; make the 64 KiB sample end inside one.
        var text = new string('a', AttachmentFormatPolicy.TextSampleLength - 1) + "ệ tiếp";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.True(AttachmentFormatPolicy.Detect(stream, "long.txt").IsAllowed);
    }

    [Fact]
    public void Detect_StreamNotAtStart_ReadsFromPositionAndRestoresIt()
    {
        var content = new byte[] { 1, 2, 3 }.Concat(TestFiles.Docx()).ToArray();
        using var stream = new MemoryStream(content) { Position = 3 };

        var result = AttachmentFormatPolicy.Detect(stream, "du-thao.docx");

        Assert.True(result.IsAllowed, result.Reason);
        Assert.Equal(3, stream.Position);
    }

    [Fact]
    public void EnsureAllowed_Rejected_ThrowsPolicyExceptionWithRuleAndReason()
    {
        var ex = Assert.Throws<EDocPolicyException>(() => AttachmentFormatPolicy.EnsureAllowed(TestFiles.Exe(), "quyet-dinh.pdf"));

        Assert.Equal("attachment-format", ex.Rule);
        Assert.Equal("policy.attachment-format", ex.ErrorCode);
        Assert.Contains("Windows executable (MZ)", ex.Message, StringComparison.Ordinal);
        using var stream = new MemoryStream(TestFiles.PlainZip());
        Assert.Throws<EDocPolicyException>(() => AttachmentFormatPolicy.EnsureAllowed(stream, "a.docx"));
        Assert.Equal(AttachmentFormat.Docx, AttachmentFormatPolicy.EnsureAllowed(TestFiles.Docx(), "a.docx").Format);
    }

    [Fact]
    public void EnsureMainDocumentIsPdf_OnlyPdfPasses()
    {
        Assert.Equal(AttachmentFormat.Pdf, AttachmentFormatPolicy.EnsureMainDocumentIsPdf(TestFiles.Pdf(), "vb.pdf").Format);
        using var pdf = new MemoryStream(TestFiles.Pdf());
        Assert.Equal(AttachmentFormat.Pdf, AttachmentFormatPolicy.EnsureMainDocumentIsPdf(pdf, "vb.pdf").Format);

        var ex = Assert.Throws<EDocPolicyException>(() => AttachmentFormatPolicy.EnsureMainDocumentIsPdf(TestFiles.Docx(), "vb.docx"));
        Assert.Equal("attachment-format", ex.Rule);
        Assert.Contains("must be PDF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadArguments_TypedExceptions()
    {
        Assert.Throws<ArgumentNullException>(() => AttachmentFormatPolicy.Detect(TestFiles.Pdf(), null!));
        Assert.Throws<ArgumentNullException>(() => AttachmentFormatPolicy.Detect((Stream)null!, "a.pdf"));
        Assert.Throws<ArgumentNullException>(() => AttachmentFormatPolicy.GetFormatFromFileName(null!));
    }

    [Theory]
    [InlineData("a.PDF", AttachmentFormat.Pdf)]
    [InlineData("dir/a.JpEg", AttachmentFormat.Jpeg)]
    [InlineData("a.docx", AttachmentFormat.Docx)]
    [InlineData("a.exe", null)]
    [InlineData("a", null)]
    [InlineData("a.pdf.", null)]
    public void GetFormatFromFileName_CaseInsensitive(string name, AttachmentFormat? expected)
    {
        Assert.Equal(expected, AttachmentFormatPolicy.GetFormatFromFileName(name));
    }

    [Fact]
    public void AllowedFormats_MatchArticle11()
    {
        Assert.Equal(12, AttachmentFormatPolicy.AllowedExtensions.Count);
        Assert.All(AttachmentFormatPolicy.AllowedExtensions, e => Assert.True(AttachmentFormatPolicy.IsAllowed(AttachmentFormatPolicy.GetFormatFromFileName("x" + e)!.Value)));
        Assert.False(AttachmentFormatPolicy.IsAllowed(AttachmentFormat.Zip));
        Assert.Equal("application/pdf", AttachmentFormatPolicy.GetMediaType(AttachmentFormat.Pdf));
    }
}
