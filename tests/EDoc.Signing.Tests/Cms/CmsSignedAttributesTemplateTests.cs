using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Cms;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Cms;

/// <summary>The signed attributes come from a per-certificate template; they must equal a fresh encoding for every digest.</summary>
public sealed class CmsSignedAttributesTemplateTests
{
    [Theory]
    [InlineData("rsa", 32)]
    [InlineData("rsa", 48)]
    [InlineData("rsa", 64)]
    [InlineData("p256", 32)]
    [InlineData("p384", 48)]
    public void EncodeSignedAttributes_ManyDigests_SameBytesAsAFreshEncoding(string key, int digestLength)
    {
        X509Certificate2 certificate = CmsSignatureBuilderTests.CertFor(key);
        var seen = new List<byte[]>();
        foreach (byte[] digest in new[] { new byte[digestLength], Filled(digestLength, 0xFF), RandomNumberGenerator.GetBytes(digestLength), RandomNumberGenerator.GetBytes(digestLength) })
        {
            byte[] fromTemplate = CmsCore.EncodeSignedAttributes(digest, certificate);

            Assert.Equal(CmsCore.EncodeSignedAttributesCore(digest, certificate), fromTemplate);
            Assert.DoesNotContain(seen, s => ReferenceEquals(s, fromTemplate));
            seen.Add(fromTemplate);
        }

        // A caller that changes a returned array does not change the next result.
        seen[^1].AsSpan().Fill(0x5A);
        byte[] again = RandomNumberGenerator.GetBytes(digestLength);
        Assert.Equal(CmsCore.EncodeSignedAttributesCore(again, certificate), CmsCore.EncodeSignedAttributes(again, certificate));
    }

    [Fact]
    public void EncodeSignedAttributes_TwoCertificates_EachGetsItsOwnTemplate()
    {
        byte[] digest = RandomNumberGenerator.GetBytes(32);

        byte[] signer = CmsCore.EncodeSignedAttributes(digest, TestPki.Rsa.Signer);
        byte[] clerk = CmsCore.EncodeSignedAttributes(digest, TestPki.Rsa.Clerk);

        Assert.NotEqual(signer, clerk);
        Assert.Equal(CmsCore.EncodeSignedAttributesCore(digest, TestPki.Rsa.Clerk), clerk);
    }

    private static byte[] Filled(int length, byte value)
    {
        byte[] b = new byte[length];
        b.AsSpan().Fill(value);
        return b;
    }
}
