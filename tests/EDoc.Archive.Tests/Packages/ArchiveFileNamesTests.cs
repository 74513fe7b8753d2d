using System.Text;
using EDoc.Archive.Packages;

namespace EDoc.Archive.Tests.Packages;

public class ArchiveFileNamesTests
{
    [Theory]
    [InlineData("CON")]
    [InlineData("con.pdf")]
    [InlineData("PRN.txt")]
    [InlineData("AUX")]
    [InlineData("NUL.tar.gz")]
    [InlineData("COM1.pdf")]
    [InlineData("lpt9")]
    [InlineData("..")]
    [InlineData("a/b.pdf")]
    [InlineData("a\\b.pdf")]
    [InlineData("bad\nname.pdf")]
    [InlineData("ends-with-dot.")]
    [InlineData("what?.pdf")]
    [InlineData("")]
    public void EnsureValidName_Forbidden_Throws(string name)
    {
        var ex = Assert.Throws<ArchivePackageFormatException>(() => ArchiveFileNames.EnsureValidName(name));

        Assert.Equal(ArchivePackageFormatError.InvalidName, ex.Error);
    }

    [Theory]
    [InlineData("Quyết định số 15.pdf")]
    [InlineData("CONSOLE.pdf")]
    [InlineData("COM10.pdf")]
    [InlineData("báo-cáo_2025 (bản 2).docx")]
    public void EnsureValidName_Allowed_ReturnsNfc(string name)
    {
        var nfd = name.Normalize(NormalizationForm.FormD);

        Assert.Equal(name.Normalize(NormalizationForm.FormC), ArchiveFileNames.EnsureValidName(nfd));
    }

    [Theory]
    [InlineData("../etc/passwd", ArchivePackageFormatError.PathTraversal)]
    [InlineData("a/../../b", ArchivePackageFormatError.PathTraversal)]
    [InlineData("/etc/passwd", ArchivePackageFormatError.AbsolutePath)]
    [InlineData("\\\\server\\share", ArchivePackageFormatError.AbsolutePath)]
    [InlineData("C:/Windows/x", ArchivePackageFormatError.AbsolutePath)]
    [InlineData("data/NUL", ArchivePackageFormatError.InvalidName)]
    public void GetPathProblem_UnsafePath_NamesTheKind(string path, ArchivePackageFormatError expected)
        => Assert.Equal(expected, ArchiveFileNames.GetPathProblem(path)?.Error);

    [Fact]
    public void EnsureDistinct_NfcAndNfdOfSameName_Refused()
    {
        var nfc = "Tờ trình.pdf".Normalize(NormalizationForm.FormC);
        var nfd = nfc.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(nfc, nfd);

        var ex = Assert.Throws<ArchivePackageFormatException>(() => ArchiveFileNames.EnsureDistinct([nfc, nfd]));

        Assert.Equal(ArchivePackageFormatError.DuplicateName, ex.Error);
        Assert.Contains("normalisation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureDistinct_CaseOnlyDifference_Refused()
        => Assert.Equal(ArchivePackageFormatError.DuplicateName, Assert.Throws<ArchivePackageFormatException>(() => ArchiveFileNames.EnsureDistinct(["Báo cáo.pdf", "BÁO CÁO.pdf"])).Error);

    [Fact]
    public void Comparer_OrdersByNfcOrdinal_AndEqualsAcrossForms()
    {
        var names = new[] { "ệ.pdf".Normalize(NormalizationForm.FormD), "a.pdf", "Z.pdf", "đ.pdf" };

        var sorted = names.Order(ArchiveFileNames.Comparer).Select(ArchiveFileNames.Normalize).ToArray();

        Assert.Equal(["Z.pdf", "a.pdf", "đ.pdf", "ệ.pdf"], sorted);
        Assert.True(ArchiveFileNames.Comparer.Equals("ệ", "ệ".Normalize(NormalizationForm.FormD)));
    }
}
