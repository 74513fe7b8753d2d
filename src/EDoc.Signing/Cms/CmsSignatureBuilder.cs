using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Signers;

namespace EDoc.Signing.Cms;

/// <summary>Options of <see cref="CmsSignatureBuilder"/>.</summary>
public sealed class CmsSignatureOptions
{
    /// <summary>The digest algorithm of the content and of the signed attributes.</summary>
    /// <value>The default value is <see cref="HashAlgorithmName.SHA256"/>. SHA-384 and SHA-512 are also accepted.</value>
    public HashAlgorithmName DigestAlgorithm { get; set; } = HashAlgorithmName.SHA256;
}

/// <summary>
/// Builds the detached CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1, CAdES per EN 319 122-1,
/// RFC 5652): exactly one SignerInfo identified by issuerAndSerialNumber; signed attributes content-type,
/// message-digest and ESS signing-certificate-v2 (RFC 5035); no signing-time; the signer certificate and the
/// chain given by the caller. Works with any <see cref="SigningKey"/> (local, PKCS#11, external) and in two phases
/// for remote services (<see cref="Prepare"/> then <see cref="Complete(PendingSignatureState, ReadOnlySpan{byte})"/>).
/// </summary>
/// <remarks>Thread-safe; one instance can sign many documents.</remarks>
public sealed class CmsSignatureBuilder
{
    /// <summary>The room <see cref="EstimateSize(SigningKey, int)"/> suggests for an RFC 3161 token (B-T), in bytes.</summary>
    public const int DefaultTimestampAllowance = 8192;

    /// <summary>Initializes a new instance with SHA-256.</summary>
    public CmsSignatureBuilder()
        : this(new CmsSignatureOptions())
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options; copied.</param>
    public CmsSignatureBuilder(CmsSignatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = CmsOids.DigestOid(options.DigestAlgorithm);
        DigestAlgorithm = options.DigestAlgorithm;
    }

    /// <summary>The digest algorithm the content digest must use.</summary>
    public HashAlgorithmName DigestAlgorithm { get; }

    /// <summary>Signs a content digest (for PAdES: the digest of the ByteRange bytes) with a key.</summary>
    /// <param name="contentDigest">The digest of the detached content, computed with <see cref="DigestAlgorithm"/>.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The DER-encoded ContentInfo (SignedData).</returns>
    /// <exception cref="ArgumentException">The digest length does not fit <see cref="DigestAlgorithm"/>.</exception>
    /// <exception cref="SigningException">The key could not sign.</exception>
    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> contentDigest, SigningKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        SigningKeyAlgorithms.ValidateHash(contentDigest.Span, DigestAlgorithm);
        var signedAttributes = CmsCore.EncodeSignedAttributes(contentDigest.Span, key.Certificate);
        var hash = CmsCore.Hash(DigestAlgorithm, signedAttributes);
        var signature = await key.SignHashAsync(hash, DigestAlgorithm, cancellationToken).ConfigureAwait(false);
        if (signature is null || signature.Length == 0)
        {
            throw new SigningException("empty-signature", "The signing key returned an empty signature.");
        }

        return CmsCore.Assemble(signedAttributes, DigestAlgorithm, key.Scheme, signature, key.Certificate, key.Chain).Encode();
    }

    /// <summary>
    /// Phase 1 of two-phase (deferred, remote) signing: builds the signed attributes and returns the data to be
    /// signed with a serializable state. Send <see cref="PendingSignature.HashToSign"/> (or
    /// <see cref="PendingSignature.DataToBeSigned"/>) to the signing service, keep
    /// <see cref="PendingSignature.State"/> (e.g. <see cref="PendingSignatureState.ToJson"/>), then call
    /// <see cref="Complete(PendingSignatureState, ReadOnlySpan{byte})"/> when the signature arrives.
    /// </summary>
    /// <param name="contentDigest">The digest of the detached content.</param>
    /// <param name="signerCertificate">The signer certificate (public part, from the service).</param>
    /// <param name="chain">Further certificates to embed.</param>
    /// <param name="scheme">The scheme the service signs with.</param>
    /// <returns>The data to be signed and the state.</returns>
    public PendingSignature Prepare(ReadOnlyMemory<byte> contentDigest, X509Certificate2 signerCertificate, IEnumerable<X509Certificate2>? chain, SignatureScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(signerCertificate);
        SigningKeyAlgorithms.ValidateHash(contentDigest.Span, DigestAlgorithm);
        var kind = SigningKeyAlgorithms.GetKeyKind(signerCertificate);
        if ((kind == PublicKeyKind.Ecdsa) != (scheme == SignatureScheme.Ecdsa))
        {
            throw new ArgumentException($"The scheme {scheme} does not fit the certificate's {kind} key.", nameof(scheme));
        }

        var signedAttributes = CmsCore.EncodeSignedAttributes(contentDigest.Span, signerCertificate);
        var state = new PendingSignatureState
        {
            DigestAlgorithm = DigestAlgorithm.Name!,
            Scheme = scheme,
            ContentDigest = contentDigest.ToArray(),
            SignedAttributes = signedAttributes,
            SignerCertificate = signerCertificate.RawData,
            Chain = (chain ?? []).Select(c => c.RawData).ToArray(),
        };
        return new PendingSignature(state, signedAttributes, CmsCore.Hash(DigestAlgorithm, signedAttributes), DigestAlgorithm);
    }

    /// <summary>
    /// Phase 2 of two-phase signing with a raw signature value (PKCS#1 v1.5 / PSS for RSA; DER or r||s for ECDSA).
    /// The signature is verified with the certificate's public key over the expected signed attributes first.
    /// </summary>
    /// <param name="state">The state from <see cref="Prepare"/>.</param>
    /// <param name="signatureValue">The signature returned by the service.</param>
    /// <returns>The DER CMS.</returns>
    /// <exception cref="SigningException">The signature is not over the expected hash or not by the expected key.</exception>
    public static byte[] Complete(PendingSignatureState state, ReadOnlySpan<byte> signatureValue)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (hashAlgorithm, certificate, chain) = state.Open();
        using (certificate)
        {
            var hash = CmsCore.Hash(hashAlgorithm, state.SignedAttributes);
            var signature = SignatureChecks.NormalizeAndVerify(certificate, state.Scheme, hash, hashAlgorithm, signatureValue.ToArray());
            return CmsCore.Assemble(state.SignedAttributes, hashAlgorithm, state.Scheme, signature, certificate, chain).Encode();
        }
    }

    /// <summary>
    /// Phase 2 of two-phase signing with a complete CMS made by the service (over the content digest of phase 1).
    /// Checks that it is a SignedData with one SignerInfo whose message-digest equals the phase-1 content digest,
    /// signed by the expected certificate, with a valid signature.
    /// </summary>
    /// <param name="state">The state from <see cref="Prepare"/>.</param>
    /// <param name="cms">The CMS from the service; trailing zero padding is removed.</param>
    /// <returns>The CMS, DER, without padding.</returns>
    /// <exception cref="SigningException">The CMS does not sign the expected digest or does not verify.</exception>
    /// <exception cref="CmsFormatException">The CMS is malformed.</exception>
    public static byte[] CompleteWithCms(PendingSignatureState state, ReadOnlyMemory<byte> cms)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (_, certificate, _) = state.Open();
        using (certificate)
        {
            var model = SignedDataModel.Parse(cms);
            if (model.SignerInfos.Count != 1)
            {
                throw new SigningException("cms-signer-count", $"The returned CMS has {model.SignerInfos.Count} SignerInfos; exactly one is required.");
            }

            var signerInfo = model.SignerInfos[0];
            var digest = CmsCore.ReadMessageDigest(signerInfo);
            if (digest is null || !digest.AsSpan().SequenceEqual(state.ContentDigest))
            {
                throw new SigningException("cms-digest-mismatch", "The returned CMS signs a different content digest (message-digest attribute) than the one prepared in phase 1.");
            }

            if (!signerInfo.Identifies(certificate))
            {
                throw new SigningException("cms-wrong-signer", $"The returned CMS is not signed by '{certificate.Subject}'.");
            }

            var problem = CmsCore.VerifySignature(signerInfo, certificate, out _);
            if (problem is not null)
            {
                throw new SigningException("signature-mismatch", "The returned CMS does not verify: " + problem);
            }

            return cms[..model.EncodedLength].ToArray();
        }
    }

    /// <summary>
    /// The size a CMS made by <see cref="SignAsync"/> will have, plus room for a timestamp token, so the PDF side
    /// can reserve /Contents (twice this many hex digits) without megabytes of padding.
    /// </summary>
    /// <param name="key">The key (its certificate, chain and signature size count).</param>
    /// <param name="timestampAllowance">Room for an RFC 3161 token added later (B-T); 0 for B-B, else e.g. <see cref="DefaultTimestampAllowance"/>.</param>
    /// <returns>The upper bound in bytes.</returns>
    public int EstimateSize(SigningKey key, int timestampAllowance = 0)
    {
        ArgumentNullException.ThrowIfNull(key);
        return EstimateSize(key.Certificate, key.Chain, key.Scheme, timestampAllowance);
    }

    /// <summary>The size bound of <see cref="EstimateSize(SigningKey, int)"/> for a certificate, chain and scheme.</summary>
    /// <param name="signerCertificate">The signer certificate.</param>
    /// <param name="chain">Further certificates to embed.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="timestampAllowance">Room for a timestamp token.</param>
    /// <returns>The upper bound in bytes.</returns>
    public int EstimateSize(X509Certificate2 signerCertificate, IEnumerable<X509Certificate2>? chain, SignatureScheme scheme, int timestampAllowance = 0)
    {
        ArgumentNullException.ThrowIfNull(signerCertificate);
        ArgumentOutOfRangeException.ThrowIfNegative(timestampAllowance);
        var digest = new byte[SigningKeyAlgorithms.HashSize(DigestAlgorithm)];
        var attributes = CmsCore.EncodeSignedAttributes(digest, signerCertificate);
        var signature = new byte[SigningKeyAlgorithms.MaxSignatureSize(signerCertificate)];
        var size = CmsCore.Assemble(attributes, DigestAlgorithm, scheme, signature, signerCertificate, chain ?? []).Encode().Length;

        // Unsigned attribute wrapper around the token (SEQUENCE, OID, SET, [1] SET) and length-byte growth: 32 bytes.
        return size + (timestampAllowance > 0 ? timestampAllowance + 32 : 0) + 16;
    }

    /// <summary>
    /// Adds an RFC 3161 signature-time-stamp token (unsigned attribute id-aa-timeStampToken, RFC 3161 Appendix A,
    /// ETSI EN 319 122-1 §5.3) to the single SignerInfo of a CMS. The signed attributes and the signature stay
    /// byte-identical.
    /// </summary>
    /// <param name="cms">The CMS; trailing padding is ignored.</param>
    /// <param name="timestampToken">The token (a ContentInfo with SignedData over a TSTInfo).</param>
    /// <returns>The new DER CMS.</returns>
    /// <exception cref="CmsFormatException">The CMS or the token is malformed.</exception>
    public static byte[] AddTimestampToken(ReadOnlyMemory<byte> cms, ReadOnlyMemory<byte> timestampToken)
    {
        var model = SignedDataModel.Parse(cms);
        if (model.SignerInfos.Count != 1)
        {
            throw new CmsFormatException("SignedData.signerInfos", $"the CMS has {model.SignerInfos.Count} SignerInfos; exactly one is required.");
        }

        try
        {
            AsnDecoder.ReadEncodedValue(timestampToken.Span, AsnEncodingRules.BER, out _, out _, out var consumed);
            timestampToken = timestampToken[..consumed];
        }
        catch (AsnContentException ex)
        {
            throw new CmsFormatException("timeStampToken", "the timestamp token is not valid ASN.1.", ex);
        }

        var signer = model.SignerInfos[0];
        var unsigned = signer.UnsignedAttributes.ToList();
        unsigned.Add(new CmsAttributeModel(CmsOids.TimeStampToken, [timestampToken]));
        var updated = new SignerInfoModel
        {
            Version = signer.Version,
            Issuer = signer.Issuer,
            SerialNumber = signer.SerialNumber,
            SubjectKeyIdentifier = signer.SubjectKeyIdentifier,
            DigestAlgorithm = signer.DigestAlgorithm,
            SignedAttributes = signer.SignedAttributes,
            SignedAttributeList = signer.SignedAttributeList,
            SignatureAlgorithm = signer.SignatureAlgorithm,
            Signature = signer.Signature,
            UnsignedAttributes = unsigned,
        };
        return new SignedDataModel
        {
            Version = model.Version,
            DigestAlgorithms = model.DigestAlgorithms,
            EncapsulatedContentType = model.EncapsulatedContentType,
            EncapsulatedContent = model.EncapsulatedContent,
            Certificates = model.Certificates,
            Crls = model.Crls,
            SignerInfos = [updated],
        }.Encode();
    }

    /// <summary>
    /// The signature value of the single SignerInfo: the bytes a signature-time-stamp's message imprint covers
    /// (RFC 3161 Appendix A). Hash it and pass it to <see cref="Timestamps.Rfc3161TimestampClient"/>.
    /// </summary>
    /// <param name="cms">The CMS.</param>
    /// <returns>The signature value.</returns>
    /// <exception cref="CmsFormatException">The CMS is malformed or has not exactly one SignerInfo.</exception>
    public static byte[] GetSignatureValue(ReadOnlyMemory<byte> cms)
    {
        var model = SignedDataModel.Parse(cms);
        if (model.SignerInfos.Count != 1)
        {
            throw new CmsFormatException("SignedData.signerInfos", $"the CMS has {model.SignerInfos.Count} SignerInfos; exactly one is required.");
        }

        return model.SignerInfos[0].Signature.ToArray();
    }
}
