using System.Text;
using EDoc.Agencies;
using EDoc.Documents;
using EDoc.Numbering;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Abstractions.Tests.Documents;

public sealed class ElectronicDocumentValidatorTests
{
    [Fact]
    public void Validate_ConformingDocument_NoProblems()
    {
        var result = ElectronicDocumentValidator.Validate(TestDocuments.OfficialLetter());

        Assert.True(result.IsValid);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneWithPathAndBothLanguages()
    {
        var valid = TestDocuments.OfficialLetter();
        var bad = valid with
        {
            Notation = DocumentNotation.Parse("145/2026/CV-UBND"),
            IssueDate = new DateOnly(1930, 1, 1),
            Subject = " ",
            IssuePlace = new string('x', 51),
            PageCount = 1000,
            CopyCount = -1,
            Urgency = (Urgency)9,
            Signer = new SignerInfo { FullName = new string('N', 51), Position = new string('P', 101) },
            Sender = new Agency { Name = "", Code = null },
            Recipients =
            [
                Agency.Create("000.00.00.G22", "Văn phòng Chính phủ"),
                new Agency { Name = "Bộ X", Code = AgencyCode.Parse("999.010.01.H22", AgencyCodeParseMode.Lenient) },
                Agency.Create("000.00.00.G22", "Văn phòng Chính phủ"),
                new Agency { Name = "Không mã" },
            ],
            Attachments =
            [
                new Attachment { Name = "vb.docx", ContentId = "a1", IsMainDocument = true },
                new Attachment { Name = "setup.exe", ContentId = "a1", Size = -1 },
                new Attachment { Name = "", ContentId = "" },
            ],
            DueDate = new DateOnly(1920, 1, 1),
            Directions = [new LeaderDirection { Leader = "", GivenAt = new DateTimeOffset(2024, 5, 7, 8, 0, 0, TimeSpan.Zero), Text = "", Deadline = new DateOnly(2024, 5, 1) }],
        };

        var result = ElectronicDocumentValidator.Validate(bad);

        var expected = new (string Path, string Code)[]
        {
            ("Notation", "notation.year-not-allowed"),
            ("IssueDate", "date.range"),
            ("Subject", "required"),
            ("IssuePlace", "length"),
            ("PageCount", "range"),
            ("CopyCount", "range"),
            ("Urgency", "range"),
            ("Signer.FullName", "length"),
            ("Signer.Position", "length"),
            ("Sender.Code", "required"),
            ("Sender.Name", "required"),
            ("Recipients[1].Code", "agency-code.nonstandard"),
            ("Recipients[2].Code", "duplicate"),
            ("Recipients[3].Code", "required"),
            ("Attachments[0].Name", "attachment.main-not-pdf"),
            ("Attachments[1].Name", "attachment.format"),
            ("Attachments[1].ContentId", "duplicate"),
            ("Attachments[1].Size", "range"),
            ("Attachments[2].Name", "required"),
            ("Attachments[2].ContentId", "required"),
            ("DueDate", "date.range"),
            ("Directions[0].Leader", "required"),
            ("Directions[0].Text", "required"),
            ("Directions[0].Deadline", "date.order"),
        };
        foreach (var (path, code) in expected)
        {
            Assert.Contains(result.Problems, p => p.Path == path && p.Code == code);
        }

        Assert.False(result.IsValid);
        Assert.All(result.Problems, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Message));
            Assert.False(string.IsNullOrWhiteSpace(p.MessageVi));
        });
        Assert.Contains(result.Warnings, p => p.Path == "Recipients[1].Code");
    }

    [Fact]
    public void Validate_NullMembersFromDeserialization_ReportedNotThrown()
    {
        var doc = TestDocuments.OfficialLetter() with { Notation = null!, Type = null!, Sender = null!, Recipients = null!, Attachments = null!, Subject = null! };

        var result = ElectronicDocumentValidator.Validate(doc);

        foreach (var path in new[] { "Notation", "Type", "Sender", "Recipients", "Subject" })
        {
            Assert.Contains(result.Errors, p => p.Path == path && p.Code == "required");
        }
    }

    [Fact]
    public void Validate_SubjectLengthCountedAfterNfc()
    {
        // "ệ" is 1 character in NFC and 3 in NFD.
        var nfd500 = new string('ệ', 500).Normalize(NormalizationForm.FormD);
        var nfd501 = new string('ệ', 501).Normalize(NormalizationForm.FormD);
        Assert.Equal(1500, nfd500.Length);

        Assert.True(ElectronicDocumentValidator.Validate(TestDocuments.OfficialLetter() with { Subject = nfd500 }).IsValid);
        var result = ElectronicDocumentValidator.Validate(TestDocuments.OfficialLetter() with { Subject = nfd501 });
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("Subject", "length"), (problem.Path, problem.Code));
        Assert.Contains("501", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LegalNormativeYearMustMatchIssueDate()
    {
        var doc = TestDocuments.OfficialLetter() with
        {
            Type = DocumentTypes.LegalDecision,
            Notation = DocumentNotation.Parse("08/2018/QĐ-UBND"),
            IssueDate = new DateOnly(2019, 1, 2),
            DueDate = null,
            SentAt = null,
            ReceivedAt = null,
        };

        var problem = Assert.Single(ElectronicDocumentValidator.Validate(doc).Problems);

        Assert.Equal("notation.year-mismatch", problem.Code);
    }

    [Fact]
    public void Validate_WithTimeProvider_FutureDatesRejected()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 5, 16, 59, 0, TimeSpan.Zero)); // 23:59 on 5 May in Vietnam

        var result = ElectronicDocumentValidator.Validate(TestDocuments.OfficialLetter(), time);

        Assert.Contains(result.Errors, p => p.Path == "IssueDate" && p.Code == "date.future");
        Assert.Contains(result.Errors, p => p.Path == "SentAt" && p.Code == "date.future");
        time.Advance(TimeSpan.FromDays(2));
        Assert.True(ElectronicDocumentValidator.Validate(TestDocuments.OfficialLetter(), time).IsValid);
    }

    [Fact]
    public void Validate_TimesOutOfOrder_Reported()
    {
        var doc = TestDocuments.OfficialLetter();
        var bad = doc with
        {
            SentAt = new DateTimeOffset(2024, 5, 5, 16, 0, 0, TimeSpan.Zero), // 23:00 on 5 May in Vietnam: before the issue date
            ReceivedAt = new DateTimeOffset(2024, 5, 5, 15, 0, 0, TimeSpan.Zero),
            History = [.. doc.History.Reverse()],
        };

        var result = ElectronicDocumentValidator.Validate(bad);

        Assert.Contains(result.Errors, p => p.Path == "SentAt" && p.Code == "date.order");
        Assert.Contains(result.Errors, p => p.Path == "ReceivedAt" && p.Code == "date.order");
        Assert.Contains(result.Warnings, p => p.Path == "History[1].At" && p.Code == "date.order");
    }

    [Fact]
    public void EnsureValid_Invalid_ThrowsValidationExceptionListingProblems()
    {
        var ex = Assert.Throws<EDocValidationException>(() => ElectronicDocumentValidator.EnsureValid(TestDocuments.OfficialLetter() with { Subject = "", PageCount = -3 }));

        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains("Subject", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PageCount", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ElectronicDocumentValidator.Validate(null!));
    }

    [Fact]
    public void Validate_UnpairedSurrogate_ReportedNotThrown()
    {
        var result = ElectronicDocumentValidator.Validate(TestDocuments.OfficialLetter() with { Subject = "Trích yếu \uD800", Notes = "ok \uD83D\uDE00" });

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("Subject", "text.invalid"), (problem.Path, problem.Code));
    }

    [Fact]
    public void Validate_NoAttachments_IsWarning()
    {
        var result = ElectronicDocumentValidator.Validate(TestDocuments.OfficialLetter() with { Attachments = [] });

        Assert.True(result.IsValid);
        Assert.Contains(result.Warnings, p => p.Code == "attachments.none");
    }
}
