using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;
using UglyToad.PdfPig;

namespace EDoc.Signing.Tests.Pdf;

[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfSignaturePreparerTests(PdfCorpusFixture corpus)
{
    public static TheoryData<string> CleanInputs() => new(PdfCorpusFixture.CleanInputs);

    [Theory]
    [MemberData(nameof(CleanInputs))]
    public async Task PrepareAndEmbed_ThreeSuccessiveSignatures_AllValidForPdfSigAndQpdfClean(string name)
    {
        string input = corpus.Path(name);
        byte[] original = await File.ReadAllBytesAsync(input);
        string current = input;
        for (int i = 1; i <= 3; i++)
        {
            string next = corpus.NewTempFile($"signed{i}.pdf");
            await TestSigning.SignFileAsync(current, next, corpus.Signers[i - 1]);
            current = next;
        }

        byte[] signed = await File.ReadAllBytesAsync(current);
        Assert.True(signed.AsSpan(0, original.Length).SequenceEqual(original), "the original bytes must be a prefix of the output");
        TestSigning.AssertPdfSigAllValid(corpus, current, 3);
        ExternalTool.Result check = ExternalTool.QpdfCheck(current);
        ExternalTool.Result checkOriginal = ExternalTool.QpdfCheck(input);
        if (checkOriginal.ExitCode == 0)
        {
            Assert.True(check.ExitCode == 0, check.All);
        }
        else
        {
            Assert.True(check.ExitCode == checkOriginal.ExitCode, check.All);
        }

        using PdfDocument pig = PdfDocument.Open(current);
        Assert.True(pig.TryGetForm(out var form));
        var names = form.Fields.Select(f => f.Information.PartialName).ToList();
        Assert.Contains("Signature1", names);
        Assert.Contains("Signature2", names);
        Assert.Contains("Signature3", names);
    }

    [Theory]
    [MemberData(nameof(CleanInputs))]
    public async Task Prepare_AnyInput_KeepsKindOfCrossReference(string name)
    {
        string input = corpus.Path(name);
        string output = corpus.NewTempFile("signed.pdf");

        await TestSigning.SignFileAsync(input, output, corpus.Signer);

        await using FileStream a = File.OpenRead(input);
        await using FileStream b = File.OpenRead(output);
        using var before = PdfDocumentReader.Open(a);
        using var after = PdfDocumentReader.Open(b);
        Assert.Equal(before.Revisions.Count + 1, after.Revisions.Count);
        Assert.Equal(before.Revisions[^1].UsesXrefStream, after.Revisions[^1].UsesXrefStream);
        Assert.Equal(before.Length, after.Revisions[^2].EndOffset > before.Length ? before.Length : after.Revisions[^2].EndOffset);
        Assert.False(after.WasRecovered);
    }
}
