using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Signers;

namespace EDoc.Signing.Cms;

/// <summary>Encoding and checking of the pieces of a PAdES CMS signature.</summary>
internal static class CmsCore
{
    /// <summary>
    /// Per signer certificate, the DER of the signed attributes for each digest length with the digest's offset in it:
    /// everything but the digest depends only on the certificate (its hash, issuer and serial), so a signature copies
    /// the template and writes its digest instead of hashing the certificate and encoding the SET again.
    /// </summary>
    private static readonly ConditionalWeakTable<X509Certificate2, SignedAttributesTemplateSet> SignedAttributesTemplates = new();

    /// <summary>
    /// The signed attributes of a PAdES baseline signature (ETSI EN 319 122-1 §5.2, EN 319 142-1 §6.3): content-type
    /// id-data, message-digest, ESS signing-certificate-v2 (RFC 5035 §3) with a SHA-256 hash of the signer
    /// certificate and its issuerSerial. No signing-time: PAdES carries the claimed time in the signature dictionary's /M.
    /// Returned as the DER of the SET OF (universal tag), the bytes that are hashed and signed (RFC 5652 §5.4).
    /// </summary>
    public static byte[] EncodeSignedAttributes(ReadOnlySpan<byte> contentDigest, X509Certificate2 signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        SignedAttributesTemplate template = SignedAttributesTemplates.GetValue(signer, static _ => new SignedAttributesTemplateSet()).Get(contentDigest.Length, signer);
        if (template.DigestOffset < 0)
        {
            return EncodeSignedAttributesCore(contentDigest, signer);
        }

        byte[] result = template.Bytes.ToArray();
        contentDigest.CopyTo(result.AsSpan(template.DigestOffset));
        return result;
    }

    /// <summary>Encodes the signed attributes afresh (no template); <see cref="EncodeSignedAttributes"/> must give the same bytes.</summary>
    public static byte[] EncodeSignedAttributesCore(ReadOnlySpan<byte> contentDigest, X509Certificate2 signer)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CmsOids.ContentType);
                using (writer.PushSetOf())
                {
                    writer.WriteObjectIdentifier(CmsOids.Data);
                }
            }

            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CmsOids.MessageDigest);
                using (writer.PushSetOf())
                {
                    writer.WriteOctetString(contentDigest);
                }
            }

            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CmsOids.SigningCertificateV2);
                using (writer.PushSetOf())
                {
                    WriteSigningCertificateV2(writer, signer);
                }
            }
        }

        return writer.Encode();
    }

    private sealed record SignedAttributesTemplate(byte[] Bytes, int DigestOffset);

    private sealed class SignedAttributesTemplateSet
    {
        private readonly ConcurrentDictionary<int, SignedAttributesTemplate> _byDigestLength = new();

        public SignedAttributesTemplate Get(int digestLength, X509Certificate2 signer) =>
            _byDigestLength.GetOrAdd(digestLength, static (length, certificate) => Build(length, certificate), signer);

        // Encodes with an all-0x00 and an all-0xFF digest: the two encodings must differ in exactly one run of
        // digestLength bytes (the digest); otherwise (never seen) the template is marked unusable (offset -1).
        private static SignedAttributesTemplate Build(int digestLength, X509Certificate2 signer)
        {
            byte[] zeros = new byte[digestLength];
            byte[] ones = new byte[digestLength];
            ones.AsSpan().Fill(0xFF);
            byte[] a = EncodeSignedAttributesCore(zeros, signer);
            byte[] b = EncodeSignedAttributesCore(ones, signer);
            int first = CommonPrefix(a, b);
            bool usable = digestLength > 0 && a.Length == b.Length && first >= 0 && first + digestLength <= a.Length
                && a.AsSpan(first, digestLength).IndexOfAnyExcept((byte)0) < 0
                && b.AsSpan(first, digestLength).IndexOfAnyExcept((byte)0xFF) < 0
                && a.AsSpan(first + digestLength).SequenceEqual(b.AsSpan(first + digestLength));
            return new SignedAttributesTemplate(a, usable ? first : -1);
        }

        private static int CommonPrefix(byte[] a, byte[] b)
        {
            int n = a.AsSpan().CommonPrefixLength(b);
            return n < Math.Min(a.Length, b.Length) ? n : -1;
        }
    }

    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }
    // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT id-sha256, certHash OCTET STRING, issuerSerial IssuerSerial OPTIONAL }
    // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }   (RFC 5035 §4)
    private static void WriteSigningCertificateV2(AsnWriter writer, X509Certificate2 signer)
    {
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            // hashAlgorithm omitted: DER leaves out the DEFAULT (id-sha256).
            writer.WriteOctetString(SHA256.HashData(signer.RawDataMemory.Span));
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                {
                    writer.WriteEncodedValue(signer.IssuerName.RawData);
                }

                writer.WriteInteger(signer.SerialNumberBytes.Span);
            }
        }
    }

    public static AlgorithmIdentifierModel DigestAlgorithm(HashAlgorithmName hash) => new(CmsOids.DigestOid(hash), null);

    public static AlgorithmIdentifierModel SignatureAlgorithm(SignatureScheme scheme, HashAlgorithmName hash)
    {
        switch (scheme)
        {
            case SignatureScheme.RsaPkcs1:
                return new AlgorithmIdentifierModel(CmsOids.RsaPkcs1Oid(hash), new byte[] { 0x05, 0x00 });
            case SignatureScheme.Ecdsa:
                return new AlgorithmIdentifierModel(CmsOids.EcdsaOid(hash), null);
            default:
                // RSASSA-PSS-params (RFC 4055 §3.1; RFC 4056 for CMS): hash, MGF1 with the same hash, salt = hash length.
                var writer = new AsnWriter(AsnEncodingRules.DER);
                using (writer.PushSequence())
                {
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        DigestAlgorithm(hash).Write(writer);
                    }

                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(CmsOids.Mgf1);
                        DigestAlgorithm(hash).Write(writer);
                    }

                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
                    {
                        writer.WriteInteger(SigningKeyAlgorithms.HashSize(hash));
                    }
                }

                return new AlgorithmIdentifierModel(CmsOids.RsaPss, writer.Encode());
        }
    }

    public static SignedDataModel Assemble(
        ReadOnlyMemory<byte> signedAttributes,
        HashAlgorithmName hash,
        SignatureScheme scheme,
        ReadOnlyMemory<byte> signature,
        X509Certificate2 signer,
        IEnumerable<X509Certificate2> chain)
    {
        var certificates = new List<ReadOnlyMemory<byte>> { signer.RawDataMemory };
        foreach (var certificate in chain)
        {
            if (!certificates.Any(c => c.Span.SequenceEqual(certificate.RawDataMemory.Span)))
            {
                certificates.Add(certificate.RawDataMemory);
            }
        }

        var signerInfo = new SignerInfoModel
        {
            Version = 1,
            Issuer = signer.IssuerName.RawData,
            SerialNumber = signer.SerialNumberBytes,
            DigestAlgorithm = DigestAlgorithm(hash),
            SignedAttributes = signedAttributes,
            SignatureAlgorithm = SignatureAlgorithm(scheme, hash),
            Signature = signature,
        };

        return new SignedDataModel
        {
            Version = 1,
            DigestAlgorithms = [DigestAlgorithm(hash)],
            Certificates = certificates,
            SignerInfos = [signerInfo],
        };
    }

    /// <summary>
    /// Verifies the signature of a SignerInfo over its signed attributes with a certificate's public key.
    /// Returns null when valid, else the reason.
    /// </summary>
    public static string? VerifySignature(SignerInfoModel signerInfo, X509Certificate2 certificate, out string algorithmName, ReadOnlyMemory<byte>? contentDigestWithoutAttributes = null)
    {
        algorithmName = signerInfo.SignatureAlgorithm.Oid;
        if (signerInfo.SignedAttributes is null && contentDigestWithoutAttributes is null)
        {
            return "the SignerInfo has no signed attributes (PAdES requires them).";
        }

        if (CmsOids.DigestFromOid(signerInfo.DigestAlgorithm.Oid) is not { } digest || digest == HashAlgorithmName.SHA1)
        {
            return $"the digest algorithm {signerInfo.DigestAlgorithm.Oid} is not accepted (SHA-256, SHA-384 or SHA-512 required).";
        }

        // RFC 5652 §5.4: with signed attributes the signature covers their DER; without, the content digest itself.
        var hash = signerInfo.SignedAttributes is { } signedAttributes ? Hash(digest, signedAttributes.Span) : contentDigestWithoutAttributes!.Value.ToArray();
        var oid = signerInfo.SignatureAlgorithm.Oid;
        try
        {
            switch (oid)
            {
                case CmsOids.RsaEncryption or CmsOids.Sha256WithRsa or CmsOids.Sha384WithRsa or CmsOids.Sha512WithRsa:
                {
                    algorithmName = "RSA PKCS#1 v1.5 with " + digest.Name;
                    if (oid != CmsOids.RsaEncryption && oid != CmsOids.RsaPkcs1Oid(digest))
                    {
                        return $"the signature algorithm {oid} does not match the digest algorithm {digest.Name}.";
                    }

                    using var rsa = certificate.GetRSAPublicKey();
                    if (rsa is null)
                    {
                        return "the signature algorithm is RSA but the certificate key is not.";
                    }

                    return rsa.VerifyHash(hash, signerInfo.Signature.Span, digest, RSASignaturePadding.Pkcs1) ? null : "the RSA signature value does not verify.";
                }

                case CmsOids.RsaPss:
                {
                    algorithmName = "RSASSA-PSS with " + digest.Name;
                    var problem = CheckPssParameters(signerInfo.SignatureAlgorithm.Parameters, digest);
                    if (problem is not null)
                    {
                        return problem;
                    }

                    using var rsa = certificate.GetRSAPublicKey();
                    if (rsa is null)
                    {
                        return "the signature algorithm is RSA-PSS but the certificate key is not RSA.";
                    }

                    return rsa.VerifyHash(hash, signerInfo.Signature.Span, digest, RSASignaturePadding.Pss) ? null : "the RSA-PSS signature value does not verify.";
                }

                case CmsOids.EcdsaSha256 or CmsOids.EcdsaSha384 or CmsOids.EcdsaSha512:
                {
                    algorithmName = "ECDSA with " + digest.Name;
                    if (oid != CmsOids.EcdsaOid(digest))
                    {
                        return $"the signature algorithm {oid} does not match the digest algorithm {digest.Name}.";
                    }

                    using var ec = certificate.GetECDsaPublicKey();
                    if (ec is null)
                    {
                        return "the signature algorithm is ECDSA but the certificate key is not EC.";
                    }

                    return ec.VerifyHash(hash, signerInfo.Signature.Span, DSASignatureFormat.Rfc3279DerSequence) ? null : "the ECDSA signature value does not verify.";
                }

                default:
                    return $"the signature algorithm {oid} is not supported.";
            }
        }
        catch (CryptographicException ex)
        {
            return $"the signature could not be checked: {ex.Message}";
        }
    }

    private static string? CheckPssParameters(ReadOnlyMemory<byte>? parameters, HashAlgorithmName digest)
    {
        if (parameters is not { } p)
        {
            return "RSA-PSS parameters are missing.";
        }

        try
        {
            var seq = new AsnReader(p, AsnEncodingRules.BER).ReadSequence();
            string hashOid = CmsOids.Sha1, mgfOid = CmsOids.Mgf1, mgfHashOid = CmsOids.Sha1;
            var salt = 20;
            var trailer = 1;
            if (seq.HasData && seq.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                hashOid = AlgorithmIdentifierModel.Read(seq.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0))).Oid;
            }

            if (seq.HasData && seq.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
            {
                var mgf = AlgorithmIdentifierModel.Read(seq.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1)));
                mgfOid = mgf.Oid;
                mgfHashOid = mgf.Parameters is { } mp ? AlgorithmIdentifierModel.Read(new AsnReader(mp, AsnEncodingRules.BER)).Oid : string.Empty;
            }

            if (seq.HasData && seq.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 2)))
            {
                salt = (int)seq.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2)).ReadInteger();
            }

            if (seq.HasData && seq.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 3)))
            {
                trailer = (int)seq.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 3)).ReadInteger();
            }

            var expected = CmsOids.DigestOid(digest);
            if (hashOid != expected || mgfOid != CmsOids.Mgf1 || mgfHashOid != expected)
            {
                return $"RSA-PSS parameters name hash {hashOid} and mask generation {mgfOid}/{mgfHashOid}; {digest.Name} with MGF1-{digest.Name} is required.";
            }

            if (salt != SigningKeyAlgorithms.HashSize(digest) || trailer != 1)
            {
                return $"RSA-PSS salt length {salt} (trailer {trailer}) is not supported; the salt must be the hash length ({SigningKeyAlgorithms.HashSize(digest)}).";
            }

            return null;
        }
        catch (Exception ex) when (ex is AsnContentException or OverflowException or CryptographicException)
        {
            return "RSA-PSS parameters are malformed.";
        }
    }

    public static byte[] Hash(HashAlgorithmName hash, ReadOnlySpan<byte> data)
    {
        if (hash == HashAlgorithmName.SHA256)
        {
            return SHA256.HashData(data);
        }

        if (hash == HashAlgorithmName.SHA384)
        {
            return SHA384.HashData(data);
        }

        if (hash == HashAlgorithmName.SHA512)
        {
            return SHA512.HashData(data);
        }

        if (hash == HashAlgorithmName.SHA1)
        {
#pragma warning disable CA5350 // SHA-1 only to read legacy ESS signing-certificate v1 / OCSP ids.
            return SHA1.HashData(data);
#pragma warning restore CA5350
        }

        throw new ArgumentException($"Unsupported hash algorithm {hash.Name}.", nameof(hash));
    }

    /// <summary>The message-digest attribute value, or null.</summary>
    public static byte[]? ReadMessageDigest(SignerInfoModel signerInfo)
    {
        var attribute = signerInfo.FindSigned(CmsOids.MessageDigest);
        if (attribute is null || attribute.Values.Count != 1)
        {
            return null;
        }

        return new AsnReader(attribute.Values[0], AsnEncodingRules.BER).ReadOctetString();
    }
}
