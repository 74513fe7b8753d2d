using System.Collections.Concurrent;
using EDoc.Signing.Pdf.Writing;

namespace EDoc.Signing.Tests.Pdf;

public sealed class PdfFileIdentifierTests
{
    [Fact]
    public void Create_ManyTimesOnManyThreads_SixteenBytesNeverRepeated()
    {
        var ids = new ConcurrentBag<string>();
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 200; i++)
            {
                byte[] id = PdfFileIdentifier.Create();
                Assert.Equal(16, id.Length);
                ids.Add(Convert.ToHexString(id));
            }
        });

        Assert.Equal(1600, ids.Count);
        Assert.Equal(1600, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(new string('0', 32), ids);
    }
}
