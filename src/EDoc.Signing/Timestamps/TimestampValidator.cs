using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Cms;

namespace EDoc.Signing.Timestamps;

/// <summary>What an RFC 3161 timestamp token says and whether it holds.</summary>
/// <param name="GenerationTime">The time the TSA asserts (genTime).</param>
/// <param name="TsaCertificate">The TSA certificate, when found.</param>
/// <param name="HashAlgorithm">The message-imprint hash algorithm.</param>
/// <param name="IsImprintValid">Whether the imprint equals the hash of the timestamped data.</param>
/// <param name="IsSignatureValid">Whether the token signature verifies with the TSA certificate.</param>
/// <param name="HasTimestampingUsage">Whether the TSA certificate has the extended key usage timeStamping.</param>
/// <param name="SerialNumber">The token serial number (hex).</param>
/// <param name="PolicyOid">The TSA policy.</param>
public sealed record TimestampInfo(
    DateTimeOffset GenerationTime,
    X509Certificate2? TsaCertificate,
    HashAlgorithmName HashAlgorithm,
    bool IsImprintValid,
    bool IsSignatureValid,
    bool HasTimestampingUsage,
    string SerialNumber,
    string PolicyOid)
{
    /// <summary>Whether imprint, signature and usage all hold (the TSA chain is checked separately).</summary>
    public bool IsValid => IsImprintValid && IsSignatureValid && HasTimestampingUsage;
}

/// <summary>Checks RFC 3161 timestamp tokens (signature time-stamps and document time-stamps).</summary>
public static class TimestampValidator
{
    /// <summary>
    /// Decodes a token and checks that its imprint is the hash of <paramref name="timestampedData"/> (for a
    /// signature-time-stamp: the SignerInfo signature value) and that the TSA signature verifies.
    /// </summary>
    /// <param name="token">The DER token.</param>
    /// <param name="timestampedData">The data the token should cover.</param>
    /// <param name="extraCertificates">Certificates to look for the TSA certificate in, besides those in the token.</param>
    /// <returns>The token information.</returns>
    /// <exception cref="CmsFormatException">The token is malformed.</exception>
    public static TimestampInfo Validate(ReadOnlyMemory<byte> token, ReadOnlySpan<byte> timestampedData, X509Certificate2Collection? extraCertificates = null)
    {
        var hashAlgorithm = GetHashAlgorithm(token);
        return ValidateHash(token, CmsCore.Hash(hashAlgorithm, timestampedData), extraCertificates);
    }

    /// <summary>
    /// The message-imprint hash algorithm of a token: hash the timestamped data (for a PAdES document timestamp,
    /// the ByteRange bytes) with it and call <see cref="ValidateHash"/>.
    /// </summary>
    /// <param name="token">The DER token.</param>
    /// <returns>SHA-256, SHA-384, SHA-512 (or SHA-1 for old tokens).</returns>
    /// <exception cref="CmsFormatException">The token is malformed or uses another algorithm.</exception>
    public static HashAlgorithmName GetHashAlgorithm(ReadOnlyMemory<byte> token)
    {
        var decoded = Decode(token);
        var hashOid = decoded.TokenInfo.HashAlgorithmId.Value ?? string.Empty;
        return CmsOids.DigestFromOid(hashOid)
            ?? throw new CmsFormatException("TSTInfo.messageImprint", $"the hash algorithm {hashOid} is not supported.");
    }

    /// <summary>Like <see cref="Validate"/>, with the hash of the timestamped data already computed.</summary>
    /// <param name="token">The DER token.</param>
    /// <param name="expectedHash">The hash of the timestamped data, with <see cref="GetHashAlgorithm"/>.</param>
    /// <param name="extraCertificates">Certificates to look for the TSA certificate in.</param>
    /// <returns>The token information.</returns>
    /// <exception cref="CmsFormatException">The token is malformed.</exception>
    public static TimestampInfo ValidateHash(ReadOnlyMemory<byte> token, ReadOnlySpan<byte> expectedHash, X509Certificate2Collection? extraCertificates = null)
    {
        var decoded = Decode(token);
        var info = decoded.TokenInfo;
        var hashAlgorithm = GetHashAlgorithm(token);
        var expected = expectedHash;
        var imprintValid = info.GetMessageHash().Span.SequenceEqual(expected);
        X509Certificate2? tsaCertificate = null;
        var signatureValid = false;
        try
        {
            signatureValid = decoded.VerifySignatureForHash(info.GetMessageHash().Span, hashAlgorithm, out tsaCertificate, extraCertificates);
        }
        catch (CryptographicException)
        {
            signatureValid = false;
        }

        return new TimestampInfo(
            info.Timestamp,
            tsaCertificate,
            hashAlgorithm,
            imprintValid,
            signatureValid,
            tsaCertificate is not null && HasTimestampingUsage(tsaCertificate),
            Convert.ToHexString(info.GetSerialNumber().Span),
            info.PolicyId.Value ?? string.Empty);
    }

    private static Rfc3161TimestampToken Decode(ReadOnlyMemory<byte> token)
    {
        if (!Rfc3161TimestampToken.TryDecode(token, out var decoded, out _) || decoded is null)
        {
            throw new CmsFormatException("timeStampToken", "the RFC 3161 token cannot be decoded.");
        }

        return decoded;
    }

    /// <summary>Whether a certificate has the extended key usage timeStamping (RFC 3161 §2.3 requires it, critical).</summary>
    /// <param name="certificate">The TSA certificate.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public static bool HasTimestampingUsage(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        return eku is not null && eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == CmsOids.EkuTimeStamping);
    }
}
