using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EDoc.Signing.Certificates;

/// <summary>The key of a development end-entity certificate.</summary>
public enum DevelopmentKeyType
{
    /// <summary>RSA 2048 bits.</summary>
    Rsa2048 = 0,

    /// <summary>RSA 3072 bits (as on the Government CA's newer tokens).</summary>
    Rsa3072 = 1,

    /// <summary>ECDSA on NIST P-256.</summary>
    EcdsaP256 = 2,

    /// <summary>ECDSA on NIST P-384.</summary>
    EcdsaP384 = 3,
}

/// <summary>Options of <see cref="DevelopmentCertificates.Create"/>.</summary>
public sealed class DevelopmentCertificateOptions
{
    /// <summary>
    /// The base URL of the test PKI services. When set, end-entity certificates carry AIA OCSP
    /// (<c>{base}ocsp</c>), AIA caIssuers (<c>{base}ca.crt</c>) and a CRL distribution point (<c>{base}ca.crl</c>).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no AIA or CDP extension.</value>
    public Uri? ServiceBaseUri { get; set; }

    /// <summary>The size of the CA's RSA key: 2048 or 3072.</summary>
    /// <value>The default value is 2048.</value>
    public int CaKeySize { get; set; } = 2048;

    /// <summary>The key of the person, agency and clerk certificates.</summary>
    /// <value>The default value is <see cref="DevelopmentKeyType.Rsa2048"/>.</value>
    public DevelopmentKeyType EndEntityKeyType { get; set; } = DevelopmentKeyType.Rsa2048;

    /// <summary>How long the certificates are valid from now (minus one day of clock slack).</summary>
    /// <value>The default value is two years.</value>
    public TimeSpan Validity { get; set; } = TimeSpan.FromDays(730);

    /// <summary>The clock.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>
/// A throw-away PKI for development and tests (chứng thư số thử nghiệm — không có giá trị pháp lý): a CA and, issued
/// by it, a person (<see cref="Signer"/>), an organisation (<see cref="Agency"/>), a clerk (<see cref="Clerk"/>),
/// a timestamp authority and an OCSP responder, with Vietnamese subjects and identifiers in UID
/// (<c>CCCD:</c>, <c>MST:</c>) as public and government CAs write them. Never trust <see cref="Ca"/> in production.
/// </summary>
public sealed class DevelopmentCertificates : IDisposable
{
    /// <summary>The OID of the subject attribute UID (0.9.2342.19200300.100.1.1).</summary>
    public const string UidOid = "0.9.2342.19200300.100.1.1";

    private const string EkuEmailProtection = "1.3.6.1.5.5.7.3.4";
    private const string EkuDocumentSigning = "1.3.6.1.5.5.7.3.36";
    private const string EkuTimeStamping = "1.3.6.1.5.5.7.3.8";
    private const string EkuOcspSigning = "1.3.6.1.5.5.7.3.9";
    private const string OcspNoCheckOid = "1.3.6.1.5.5.7.48.1.5";

    private readonly DateTimeOffset _notBefore;
    private readonly DateTimeOffset _notAfter;
    private readonly Uri? _baseUri;
    private readonly Lazy<X509Certificate2> _tsa;
    private readonly Lazy<X509Certificate2> _ocsp;

    private DevelopmentCertificates(DevelopmentCertificateOptions options)
    {
        _baseUri = options.ServiceBaseUri;
        var now = options.TimeProvider.GetUtcNow();
        _notBefore = now.AddDays(-1);
        _notAfter = now.Add(options.Validity);
        Ca = CreateCa(options.CaKeySize);
        Signer = IssueEndEntity(PersonName("Nguyễn Văn An", "CCCD:001089012345", "Văn phòng UBND tỉnh"), options.EndEntityKeyType);
        Agency = IssueEndEntity(OrganisationName("UBND tỉnh Nghệ An", "MST:0101234567"), options.EndEntityKeyType);
        Clerk = IssueEndEntity(PersonName("Trần Thị Bình", "CCCD:040190012345", "Bộ phận Văn thư"), options.EndEntityKeyType);
        _tsa = new Lazy<X509Certificate2>(() => Issue(SimpleName("EDoc Development TSA"), DevelopmentKeyType.Rsa2048, req =>
        {
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
            req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(EkuTimeStamping)], critical: true));
        }));
        _ocsp = new Lazy<X509Certificate2>(() => Issue(SimpleName("EDoc Development OCSP Responder"), DevelopmentKeyType.Rsa2048, req =>
        {
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(EkuOcspSigning)], critical: false));
            req.CertificateExtensions.Add(new X509Extension(OcspNoCheckOid, [0x05, 0x00], false));
        }));
    }

    /// <summary>The self-signed CA (RSA, basicConstraints CA critical, keyUsage keyCertSign and cRLSign), with its private key.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>A person (cá nhân): CN "Nguyễn Văn An", O "UBND tỉnh Nghệ An", UID "CCCD:001089012345"; with its private key.</summary>
    public X509Certificate2 Signer { get; }

    /// <summary>An organisation (cơ quan, tổ chức): CN = O = "UBND tỉnh Nghệ An", UID "MST:0101234567"; with its private key.</summary>
    public X509Certificate2 Agency { get; }

    /// <summary>A clerk (văn thư): CN "Trần Thị Bình", UID "CCCD:040190012345"; with its private key.</summary>
    public X509Certificate2 Clerk { get; }

    /// <summary>A timestamp authority (critical EKU timeStamping); with its private key. Created on first use.</summary>
    public X509Certificate2 TimestampAuthority => _tsa.Value;

    /// <summary>An OCSP responder (EKU OCSPSigning, id-pkix-ocsp-nocheck); with its private key. Created on first use.</summary>
    public X509Certificate2 OcspResponder => _ocsp.Value;

    /// <summary>Creates a new development PKI with fresh keys.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The certificates; dispose them when done.</returns>
    public static DevelopmentCertificates Create(DevelopmentCertificateOptions? options = null)
    {
        options ??= new DevelopmentCertificateOptions();
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        if (options.CaKeySize is not (2048 or 3072 or 4096))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CaKeySize, "CaKeySize must be 2048, 3072 or 4096.");
        }

        if (options.Validity <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Validity, "Validity must be positive.");
        }

        return new DevelopmentCertificates(options);
    }

    /// <summary>
    /// Issues another document-signing certificate from <see cref="Ca"/> (keyUsage digitalSignature and
    /// nonRepudiation; EKU emailProtection and document signing 1.3.6.1.5.5.7.3.36; AIA/CDP when configured).
    /// </summary>
    /// <param name="subject">The subject name.</param>
    /// <param name="keyType">The key type.</param>
    /// <returns>The certificate with its private key.</returns>
    public X509Certificate2 IssueEndEntity(X500DistinguishedName subject, DevelopmentKeyType keyType)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Issue(subject, keyType, req =>
        {
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
            req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(EkuEmailProtection), new Oid(EkuDocumentSigning)], critical: false));
            if (_baseUri is not null)
            {
                req.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(
                    [new Uri(_baseUri, "ocsp").AbsoluteUri], [new Uri(_baseUri, "ca.crt").AbsoluteUri]));
                req.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([new Uri(_baseUri, "ca.crl").AbsoluteUri]));
            }
        });
    }

    /// <summary>Creates a CRL signed by <see cref="Ca"/> that lists the given certificates as revoked.</summary>
    /// <param name="revoked">The revoked certificates (may be empty).</param>
    /// <param name="crlNumber">The CRL number.</param>
    /// <returns>The DER CRL, valid from one hour ago for seven days.</returns>
    public byte[] CreateCrl(IEnumerable<X509Certificate2> revoked, long crlNumber = 1)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        var builder = new CertificateRevocationListBuilder();
        var thisUpdate = DateTimeOffset.UtcNow.AddHours(-1);
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, thisUpdate, X509RevocationReason.KeyCompromise);
        }

        return builder.Build(Ca, new BigInteger(crlNumber), thisUpdate.AddDays(7), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, thisUpdate);
    }

    /// <summary>Exports an end-entity certificate with its key and the CA certificate (no CA key) as PFX (AES-256, SHA-256).</summary>
    /// <param name="certificate">A certificate of this set, with its private key.</param>
    /// <param name="password">The PFX password.</param>
    /// <returns>The PKCS#12 bytes.</returns>
    public byte[] ExportPkcs12(X509Certificate2 certificate, string password)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(password);
        using var caPublic = X509CertificateLoader.LoadCertificate(Ca.RawData);
        var collection = new X509Certificate2Collection { certificate, caPublic };
        return collection.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }

    /// <summary>Disposes the certificates and their keys.</summary>
    public void Dispose()
    {
        Ca.Dispose();
        Signer.Dispose();
        Agency.Dispose();
        Clerk.Dispose();
        if (_tsa.IsValueCreated)
        {
            _tsa.Value.Dispose();
        }

        if (_ocsp.IsValueCreated)
        {
            _ocsp.Value.Dispose();
        }
    }

    private X509Certificate2 CreateCa(int keySize)
    {
        using var rsa = RSA.Create(keySize);
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("VN");
        name.AddOrganizationName("EDoc SDK");
        name.AddCommonName("EDoc Development CA (không dùng thật)");
        var req = new CertificateRequest(name.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        return req.CreateSelfSigned(_notBefore, _notAfter.AddDays(365));
    }

    private X509Certificate2 Issue(X500DistinguishedName subject, DevelopmentKeyType keyType, Action<CertificateRequest> extensions)
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        if (keyType is DevelopmentKeyType.EcdsaP256 or DevelopmentKeyType.EcdsaP384)
        {
            using var ec = ECDsa.Create(keyType == DevelopmentKeyType.EcdsaP256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
            var req = new CertificateRequest(subject, ec, keyType == DevelopmentKeyType.EcdsaP256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA384);
            AddCommon(req, extensions);
            using var issued = req.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(Ca.GetRSAPrivateKey()!, RSASignaturePadding.Pkcs1), _notBefore, _notAfter, serial);
            return issued.CopyWithPrivateKey(ec);
        }

        using var rsa = RSA.Create(keyType == DevelopmentKeyType.Rsa3072 ? 3072 : 2048);
        var rsaReq = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddCommon(rsaReq, extensions);
        using var rsaIssued = rsaReq.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(Ca.GetRSAPrivateKey()!, RSASignaturePadding.Pkcs1), _notBefore, _notAfter, serial);
        return rsaIssued.CopyWithPrivateKey(rsa);
    }

    private void AddCommon(CertificateRequest req, Action<CertificateRequest> extensions)
    {
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        extensions(req);
    }

    private static X500DistinguishedName PersonName(string fullName, string uid, string unit)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("VN");
        name.AddLocalityName("Nghệ An");
        name.AddOrganizationName("UBND tỉnh Nghệ An");
        name.AddOrganizationalUnitName(unit);
        name.AddCommonName(fullName);
        name.Add(UidOid, uid, UniversalTagNumber.UTF8String);
        return name.Build();
    }

    private static X500DistinguishedName OrganisationName(string organisation, string uid)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("VN");
        name.AddLocalityName("Nghệ An");
        name.AddOrganizationName(organisation);
        name.AddCommonName(organisation);
        name.Add(UidOid, uid, UniversalTagNumber.UTF8String);
        return name.Build();
    }

    private static X500DistinguishedName SimpleName(string commonName)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("VN");
        name.AddOrganizationName("EDoc SDK");
        name.AddCommonName(commonName);
        return name.Build();
    }
}
