using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace EDoc.Signing.Revocation;

/// <summary>
/// Checks OCSP responses (RFC 6960) and CRLs (RFC 5280 §6.3) for one certificate: signature, responder
/// authorisation, freshness window, and the certificate's status.
/// </summary>
public static class RevocationValidator
{
    private const string OcspSigningEku = "1.3.6.1.5.5.7.3.9";

    /// <summary>Checks a DER OCSPResponse for <paramref name="certificate"/> issued by <paramref name="issuer"/>.</summary>
    /// <param name="ocspResponse">The DER OCSPResponse.</param>
    /// <param name="certificate">The certificate.</param>
    /// <param name="issuer">Its issuer.</param>
    /// <param name="validationTime">The time the status must hold at (thisUpdate ≤ time ≤ nextUpdate, with 5 minutes of slack; a response produced after the time is also accepted).</param>
    /// <returns>The result; <see cref="CertificateRevocationStatus.Unknown"/> with a reason when the response cannot be used.</returns>
    public static RevocationCheckResult CheckOcsp(ReadOnlySpan<byte> ocspResponse, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset validationTime)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        try
        {
            var response = new OcspResp(ocspResponse.ToArray());
            if (response.Status != OcspRespStatus.Successful)
            {
                return RevocationCheckResult.None($"The OCSP responder answered with status {response.Status}.");
            }

            if (response.GetResponseObject() is not BasicOcspResp basic)
            {
                return RevocationCheckResult.None("The OCSP response is not a basic response.");
            }

            var bcCert = ToBc(certificate);
            var bcIssuer = ToBc(issuer);
            var single = basic.Responses.FirstOrDefault(r => r.GetCertID().SerialNumber.Equals(bcCert.SerialNumber) && r.GetCertID().MatchesIssuer(bcIssuer));
            if (single is null)
            {
                return RevocationCheckResult.None("The OCSP response does not cover the certificate.");
            }

            var signerProblem = CheckOcspSigner(basic, bcIssuer);
            if (signerProblem is not null)
            {
                return RevocationCheckResult.None(signerProblem);
            }

            var thisUpdate = new DateTimeOffset(single.ThisUpdate, TimeSpan.Zero);
            DateTimeOffset? nextUpdate = single.NextUpdate is { } n ? new DateTimeOffset(n, TimeSpan.Zero) : null;
            var slack = TimeSpan.FromMinutes(5);
            if (nextUpdate is { } next && next + slack < validationTime)
            {
                return RevocationCheckResult.None($"The OCSP response expired at {next:O} (nextUpdate), before the validation time {validationTime:O}.");
            }

            return single.GetCertStatus() switch
            {
                null => new RevocationCheckResult(CertificateRevocationStatus.Good, "ocsp", thisUpdate, null, null),
                RevokedStatus revoked => new RevocationCheckResult(
                    CertificateRevocationStatus.Revoked,
                    "ocsp",
                    thisUpdate,
                    new DateTimeOffset(revoked.RevocationTime, TimeSpan.Zero),
                    $"The OCSP responder reports the certificate revoked at {revoked.RevocationTime:O}."),
                _ => new RevocationCheckResult(CertificateRevocationStatus.Unknown, "ocsp", thisUpdate, null, "The OCSP responder does not know the certificate."),
            };
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or Org.BouncyCastle.Security.Certificates.CertificateException or OcspException or Org.BouncyCastle.Asn1.Asn1ParsingException or Org.BouncyCastle.Security.SecurityUtilityException or InvalidOperationException)
        {
            return RevocationCheckResult.None("The OCSP response is malformed: " + ex.Message);
        }
    }

    /// <summary>Checks a DER CRL for <paramref name="certificate"/> issued by <paramref name="issuer"/>.</summary>
    /// <param name="crl">The DER CRL.</param>
    /// <param name="certificate">The certificate.</param>
    /// <param name="issuer">Its issuer (the CRL signer).</param>
    /// <param name="validationTime">The time the status must hold at.</param>
    /// <returns>The result.</returns>
    public static RevocationCheckResult CheckCrl(ReadOnlySpan<byte> crl, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset validationTime)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        try
        {
            var bcCrl = new X509CrlParser().ReadCrl(crl.ToArray());
            if (bcCrl is null)
            {
                return RevocationCheckResult.None("The CRL cannot be read.");
            }

            var bcIssuer = ToBc(issuer);
            if (!bcCrl.IssuerDN.Equivalent(bcIssuer.SubjectDN))
            {
                return RevocationCheckResult.None("The CRL was issued by another CA.");
            }

            try
            {
                bcCrl.Verify(bcIssuer.GetPublicKey());
            }
            catch (Exception ex) when (ex is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException or Org.BouncyCastle.Crypto.CryptoException or Org.BouncyCastle.Security.Certificates.CrlException)
            {
                return RevocationCheckResult.None("The CRL signature does not verify with the issuer's key.");
            }

            var thisUpdate = new DateTimeOffset(bcCrl.ThisUpdate, TimeSpan.Zero);
            if (bcCrl.NextUpdate is { } next && new DateTimeOffset(next, TimeSpan.Zero).AddMinutes(5) < validationTime)
            {
                return RevocationCheckResult.None($"The CRL expired at {next:O} (nextUpdate), before the validation time {validationTime:O}.");
            }

            var entry = bcCrl.GetRevokedCertificate(ToBc(certificate).SerialNumber);
            if (entry is null)
            {
                return new RevocationCheckResult(CertificateRevocationStatus.Good, "crl", thisUpdate, null, null);
            }

            var when = new DateTimeOffset(entry.RevocationDate, TimeSpan.Zero);
            return new RevocationCheckResult(CertificateRevocationStatus.Revoked, "crl", thisUpdate, when, $"The CRL lists the certificate as revoked at {when:O}.");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or Org.BouncyCastle.Security.Certificates.CrlException or Org.BouncyCastle.Asn1.Asn1ParsingException or InvalidCastException)
        {
            return RevocationCheckResult.None("The CRL is malformed: " + ex.Message);
        }
    }

    internal static BcCertificate ToBc(X509Certificate2 certificate) => new X509CertificateParser().ReadCertificate(certificate.RawData);

    private static string? CheckOcspSigner(BasicOcspResp basic, BcCertificate issuer)
    {
        // RFC 6960 §4.2.2.2: signed by the CA itself, or by a responder certificate the CA issued with id-kp-OCSPSigning.
        if (SafeVerify(basic, issuer))
        {
            return null;
        }

        foreach (var responder in basic.GetCerts() ?? [])
        {
            if (!SafeVerify(basic, responder))
            {
                continue;
            }

            if (!responder.IssuerDN.Equivalent(issuer.SubjectDN))
            {
                return "The OCSP responder certificate was not issued by the certificate's CA.";
            }

            try
            {
                responder.Verify(issuer.GetPublicKey());
            }
            catch (Exception ex) when (ex is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException or Org.BouncyCastle.Security.Certificates.CertificateException or Org.BouncyCastle.Crypto.CryptoException)
            {
                return "The OCSP responder certificate's signature does not verify with the CA key.";
            }

            var eku = responder.GetExtendedKeyUsage();
            if (eku is null || !eku.Any(o => o.Id == OcspSigningEku))
            {
                return "The OCSP responder certificate lacks the extended key usage OCSPSigning.";
            }

            return null;
        }

        return "The OCSP response signature does not verify with the CA key or an included responder certificate.";
    }

    private static bool SafeVerify(BasicOcspResp basic, BcCertificate certificate)
    {
        try
        {
            return basic.Verify(certificate.GetPublicKey());
        }
        catch (Exception ex) when (ex is OcspException or Org.BouncyCastle.Security.InvalidKeyException or ArgumentException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return false;
        }
    }

    internal static IEnumerable<string> CrlDistributionPoints(X509Certificate2 certificate)
    {
        var ext = certificate.Extensions["2.5.29.31"];
        if (ext is null)
        {
            yield break;
        }

        CrlDistPoint points;
        try
        {
            points = CrlDistPoint.GetInstance(Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(ext.RawData));
        }
        catch (Exception ex) when (ex is IOException or ArgumentException)
        {
            yield break;
        }

        foreach (var point in points.GetDistributionPoints())
        {
            if (point.DistributionPointName?.Type == DistributionPointName.FullName)
            {
                foreach (var name in GeneralNames.GetInstance(point.DistributionPointName.Name).GetNames())
                {
                    if (name.TagNo == GeneralName.UniformResourceIdentifier)
                    {
                        yield return name.Name.ToString()!;
                    }
                }
            }
        }
    }
}
