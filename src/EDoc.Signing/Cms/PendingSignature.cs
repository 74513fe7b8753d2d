using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;
using EDoc.Signing.Signers;

namespace EDoc.Signing.Cms;

/// <summary>The result of phase 1 of two-phase signing (<see cref="CmsSignatureBuilder.Prepare"/>).</summary>
/// <param name="State">Everything needed to finish; serialize it while the user approves on the phone.</param>
/// <param name="DataToBeSigned">The DER of the signed attributes, for services that hash themselves.</param>
/// <param name="HashToSign">The hash of <paramref name="DataToBeSigned"/>, for services that sign a hash.</param>
/// <param name="HashAlgorithm">The algorithm of <paramref name="HashToSign"/>.</param>
public sealed record PendingSignature(PendingSignatureState State, ReadOnlyMemory<byte> DataToBeSigned, ReadOnlyMemory<byte> HashToSign, HashAlgorithmName HashAlgorithm)
{
    /// <summary>
    /// The DER DigestInfo of <see cref="HashToSign"/> (RFC 8017 §9.2), for RSA PKCS#1 v1.5 services that apply
    /// the raw RSA operation (CKM_RSA_PKCS-style, CSC <c>signAlgo</c> rsaEncryption).
    /// </summary>
    public ReadOnlyMemory<byte> DigestInfoToSign => SigningKeyAlgorithms.DigestInfo(HashToSign.Span, HashAlgorithm);
}

/// <summary>
/// The serializable state of a two-phase signature (trạng thái ký hai bước): the signed attributes, the content
/// digest, the digest algorithm, the scheme and the certificates. Contains no secret. JSON via
/// <see cref="ToJson"/>/<see cref="FromJson"/>, or any serializer (all properties are public).
/// </summary>
public sealed record PendingSignatureState
{
    /// <summary>The format version of this state.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>The digest algorithm name: <c>SHA256</c>, <c>SHA384</c> or <c>SHA512</c>.</summary>
    public required string DigestAlgorithm { get; init; }

    /// <summary>The signature scheme.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<SignatureScheme>))]
    public required SignatureScheme Scheme { get; init; }

    /// <summary>The content digest the signed attributes carry (message-digest).</summary>
    public required byte[] ContentDigest { get; init; }

    /// <summary>The DER signed attributes (SET OF, universal tag).</summary>
    public required byte[] SignedAttributes { get; init; }

    /// <summary>The DER signer certificate.</summary>
    public required byte[] SignerCertificate { get; init; }

    /// <summary>The DER certificates to embed besides the signer's.</summary>
    public byte[][] Chain { get; init; } = [];

    /// <summary>Serializes to JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Deserializes a state written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The state.</returns>
    /// <exception cref="CmsFormatException">The text is not a valid state.</exception>
    public static PendingSignatureState FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<PendingSignatureState>(json)
                ?? throw new CmsFormatException("PendingSignatureState", "the JSON is null.");
        }
        catch (JsonException ex)
        {
            throw new CmsFormatException("PendingSignatureState", "the JSON is not a pending signature state: " + ex.Message, ex);
        }
    }

    internal (HashAlgorithmName Hash, X509Certificate2 Certificate, X509Certificate2[] Chain) Open()
    {
        if (FormatVersion != 1)
        {
            throw new CmsFormatException("PendingSignatureState.FormatVersion", $"version {FormatVersion} is not supported.");
        }

        var hash = new HashAlgorithmName(DigestAlgorithm);
        try
        {
            SigningKeyAlgorithms.ValidateHash(ContentDigest, hash);
            var certificate = X509CertificateLoader.LoadCertificate(SignerCertificate);
            var chain = (Chain ?? []).Select(c => X509CertificateLoader.LoadCertificate(c)).ToArray();
            var expected = CmsCore.EncodeSignedAttributes(ContentDigest, certificate);
            if (!expected.AsSpan().SequenceEqual(SignedAttributes))
            {
                throw new SigningException("state-tampered", "The pending signature state is inconsistent: its signed attributes do not match its content digest and certificate.");
            }

            return (hash, certificate, chain);
        }
        catch (ArgumentException ex)
        {
            throw new CmsFormatException("PendingSignatureState", ex.Message, ex);
        }
        catch (CryptographicException ex)
        {
            throw new CmsFormatException("PendingSignatureState", "a certificate in the state is malformed.", ex);
        }
    }
}
