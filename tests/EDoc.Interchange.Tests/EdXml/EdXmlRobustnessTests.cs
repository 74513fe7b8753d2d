using System.Text;
using EDoc.Interchange.EdXml;

namespace EDoc.Interchange.Tests.EdXml;

/// <summary>Damaged packages fail with a typed EDoc exception (or read), never with anything else.</summary>
public class EdXmlRobustnessTests
{
    [Fact]
    public async Task Read_EveryTruncation_ThrowsEdXmlFormatExceptionOrReads()
    {
        var bytes = await TestPackages.WriteAsync(TestPackages.Rich());

        for (var length = 0; length < bytes.Length; length += 7)
        {
            var truncated = bytes.AsMemory(0, length).ToArray();

            var ex = await Record.ExceptionAsync(() => TestPackages.ReadAsync(truncated));

            Assert.True(ex is EdXmlFormatException, $"length {length}: {ex?.GetType().Name}: {ex?.Message}");
        }
    }

    [Fact]
    public async Task ReadAndValidate_RandomByteFlips_ThrowOnlyTypedExceptions()
    {
        var bytes = await TestPackages.WriteAsync(TestPackages.Rich());
        var random = new Random(20241124);
        var alphabet = Encoding.ASCII.GetBytes("<>/=\"':&;xX0 9-,.PK\n");

        for (var i = 0; i < 1500; i++)
        {
            var damaged = (byte[])bytes.Clone();
            for (var k = 0; k < 3; k++)
            {
                damaged[random.Next(damaged.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            try
            {
                var package = await TestPackages.ReadAsync(damaged);
                _ = new EdXmlValidator().Validate(package);
                _ = await TestPackages.WriteAsync(package);
            }
            catch (EDocException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {i}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }
        }
    }

    [Fact]
    public async Task Verify_RandomByteFlipsOfASignedPackage_ThrowOnlyTypedExceptionsOrReportInvalid()
    {
        using var certificate = EdXmlSignatureTests.CreateCertificate();
        using var signed = new MemoryStream();
        await new EdXmlSigner().SignAsync(new MemoryStream(await TestPackages.WriteAsync(TestPackages.Minimal())), signed, certificate);
        var bytes = signed.ToArray();
        var random = new Random(7);
        var alphabet = Encoding.ASCII.GetBytes("<>/=\"'#:x0 A");

        for (var i = 0; i < 600; i++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[random.Next(damaged.Length)] = alphabet[random.Next(alphabet.Length)];

            try
            {
                var result = await new EdXmlSignatureVerifier().VerifyAsync(new MemoryStream(damaged));
                result.Certificate?.Dispose();
            }
            catch (EDocException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {i}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }
        }
    }

    [Fact]
    public async Task Extract_DamagedZippedAttachment_ThrowsOnlyTypedExceptions()
    {
        var zip = TestPackages.Zip(("van-ban.pdf", TestPackages.PdfBytes), ("pl.txt", Encoding.UTF8.GetBytes(new string('x', 5000))));
        var random = new Random(11);

        for (var i = 0; i < 300; i++)
        {
            var damaged = (byte[])zip.Clone();
            for (var k = 0; k < 2; k++)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            var bytes = await TestPackages.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes("goi.zip", damaged, "application/zip")));
            var directory = TestPackages.TempDirectory();
            try
            {
                await new EdXmlExtractor().ExtractAsync(new MemoryStream(bytes), directory);
            }
            catch (EDocException)
            {
                Assert.Empty(Directory.GetFileSystemEntries(directory));
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {i}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
