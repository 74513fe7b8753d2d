using CsCheck;
using EDoc.Formats;

namespace EDoc.Abstractions.Tests.Formats;

public sealed class AttachmentFormatFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        TestFiles.Docx(), TestFiles.Xlsx(), TestFiles.Odf("application/vnd.oasis.opendocument.text"),
        TestFiles.Ole(true, "1Table", "Data", "x", "y", "WordDocument"), TestFiles.Pdf(), TestFiles.Utf8Text(),
    ];

    [Fact]
    public void Detect_RandomBytes_NeverThrows()
    {
        Gen.Byte.Array[0, 4096].Sample(bytes =>
        {
            var result = AttachmentFormatPolicy.Detect(bytes, "x.docx");
            Assert.Equal(result.IsAllowed, result.Reason is null);
        });
    }

    [Fact]
    public void Detect_MutatedContainers_NeverThrowAndStreamAgreesWithSpan()
    {
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte).Array[1, 8], Gen.Int[0, 100])
            .Sample((seed, edits, cut) =>
            {
                var bytes = (byte[])Seeds[seed].Clone();
                foreach (var (position, value) in edits)
                {
                    bytes[position % bytes.Length] = value;
                }

                bytes = bytes[..(bytes.Length * (100 - (cut % 20)) / 100)];
                var fromSpan = AttachmentFormatPolicy.Detect(bytes, "x.docx");
                using var stream = new MemoryStream(bytes);
                Assert.Equal(fromSpan, AttachmentFormatPolicy.Detect(stream, "x.docx"));
            });
    }
}
