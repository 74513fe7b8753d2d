using System.Text;
using EDoc.Archive.Evidence;
using EDoc.Archive.Metadata;
using EDoc.Archive.Packages;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Archive.Tests;

internal static class TestPackages
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 30, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    public static DossierMetadata Dossier(int documents = 2) => new()
    {
        FileCode = new FileCode("000.00.00.H41", 2025, "01.TCCB"),
        Title = "Hồ sơ tuyển dụng công chức năm 2025",
        Maintenance = "01",
        Mode = "01",
        Language = ["01"],
        StartDate = new DateOnly(2025, 1, 2),
        EndDate = new DateOnly(2025, 12, 30),
        NumberOfPaper = 0,
        RiskRecovery = false,
        ConfidenceLevel = "01",
        Description = "Người lập: Nguyễn Thị Hoà",
    };

    public static DocumentMetadata Document(int ordinal, DateOnly? issued = null) => new()
    {
        Ordinal = ordinal,
        DocId = $"000.00.00.H41-{ordinal:D3}",
        Maintenance = "01",
        TypeName = "02",
        CodeNumber = $"{ordinal:D2}",
        CodeNotation = "QĐ-UBND",
        IssuedDate = issued ?? new DateOnly(2025, 3, ordinal),
        OrganName = "Ủy ban nhân dân tỉnh Nghệ An",
        Subject = $"Quyết định số {ordinal} về việc tuyển dụng công chức",
        Language = ["01"],
        NumberOfPage = 2,
        Mode = "01",
        ConfidenceLevel = "01",
        RiskRecovery = false,
        Process = true,
    };

    /// <summary>A dossier whose documents are files written in <paramref name="dir"/>.</summary>
    public static ArchivePackageContent Content(string dir, params (string Name, byte[] Bytes)[] files)
    {
        Directory.CreateDirectory(dir);
        var docs = new List<ArchiveDocumentContent>();
        for (var i = 0; i < files.Length; i++)
        {
            var path = Path.Combine(dir, files[i].Name);
            File.WriteAllBytes(path, files[i].Bytes);
            docs.Add(ArchiveDocumentContent.FromFile(Document(i + 1), path));
        }

        return new ArchivePackageContent { Dossier = Dossier(), Documents = docs };
    }

    public static ArchivePackageContent DefaultContent(string dir) => Content(
        dir,
        ("Quyết định tuyển dụng.pdf", MinimalPdf("Quyet dinh 1")),
        ("Tờ trình số 02.pdf", MinimalPdf("To trinh 2")));

    public static ArchivePackageWriter Writer(ArchivePackageKind kind = ArchivePackageKind.Sip, bool bag = false, ISignatureEvidenceProvider? evidence = null, Func<Stream, Stream>? writeInterceptor = null)
        => new(new ArchivePackageWriterOptions { Kind = kind, CreateBag = bag, AgencyName = "Sở Nội vụ tỉnh Nghệ An", SubmissionAgreement = "SA-2025-01", PackageUuid = Guid.Parse("0b5c2a86-0f3e-4a7e-9a51-3f3c0f8e7d21") }, evidence, Clock())
        {
            WriteInterceptor = writeInterceptor,
        };

    public static byte[] MinimalPdf(string text)
    {
        // A small valid PDF with one page showing the text (Helvetica); offsets computed.
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            null,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var content = $"BT /F1 24 Tf 72 720 Td ({text}) Tj ET";
        objects[3] = $"<< /Length {content.Length} >>\nstream\n{content}\nendstream";
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(sb.ToString()));
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(sb.ToString());
        sb.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            sb.Append($"{o:D10} 00000 n \n");
        }

        sb.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}

internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edoc-archive-" + Guid.NewGuid().ToString("N"));

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed class FakeEvidenceProvider : ISignatureEvidenceProvider
{
    public List<(string Name, long Length)> Calls { get; } = [];

    public async Task<SignatureEvidence?> GetEvidenceAsync(Stream pdf, string fileName, CancellationToken cancellationToken = default)
    {
        using var ms = new MemoryStream();
        await pdf.CopyToAsync(ms, cancellationToken);
        Calls.Add((fileName, ms.Length));
        var json = $$"""{"file":"{{fileName}}","bytes":{{ms.Length}},"verdict":"valid"}""";
        return new SignatureEvidence
        {
            Verdict = SignatureEvidenceVerdict.Valid,
            Report = Encoding.UTF8.GetBytes(json),
            ReportMediaType = "application/json",
            Summary = "1 chữ ký hợp lệ: Nguyễn Văn A",
            ValidatorName = "FakeVerifier 1.0",
            ValidatedAt = TestPackages.Now,
        };
    }
}
