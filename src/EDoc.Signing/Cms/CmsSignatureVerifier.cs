using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Certificates;
using EDoc.Signing.Revocation;
using EDoc.Signing.Timestamps;
using EDoc.Validation;

namespace EDoc.Signing.Cms;

/// <summary>
/// Verifies a detached CMS signature (the /Contents of a PAdES signature): structure (SignedData, one SignerInfo),
/// message digest against the content digest, signature value (RSA PKCS#1 v1.5, RSA-PSS, ECDSA), ESS
/// signing-certificate(-v2), chain to the configured trust anchors (certificates from the CMS, the DSS and a
/// configured store), revocation (supplied OCSP/CRL or online) and the signature-time-stamp.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class CmsSignatureVerifier
{
    private readonly X509Certificate2Collection _anchors;
    private readonly X509Certificate2Collection _extra;
    private readonly X509Certificate2Collection _tsaAnchors;
    private readonly RevocationMode _mode;
    private readonly bool _checkRevocation;
    private readonly TimeProvider _time;
    private readonly RevocationDataCollector? _collector;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options; copied.</param>
    /// <param name="onlineCollector">Fetches OCSP/CRL when the mode allows; <see langword="null"/> works offline only.</param>
    public CmsSignatureVerifier(CmsVerificationOptions options, RevocationDataCollector? onlineCollector = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        _anchors = [.. options.TrustAnchors];
        _extra = [.. options.ExtraCertificates];
        _tsaAnchors = options.TimestampTrustAnchors.Count > 0 ? [.. options.TimestampTrustAnchors] : _anchors;
        _mode = options.RevocationMode;
        _checkRevocation = options.CheckRevocation;
        _time = options.TimeProvider;
        _collector = onlineCollector;
    }

    /// <summary>The digest algorithm the content must be hashed with to verify a CMS.</summary>
    /// <param name="cms">The CMS (trailing padding allowed).</param>
    /// <returns>The algorithm of the single SignerInfo.</returns>
    /// <exception cref="CmsFormatException">The CMS is malformed, has no SignerInfo or an unsupported digest.</exception>
    public static HashAlgorithmName GetDigestAlgorithm(ReadOnlyMemory<byte> cms)
    {
        var model = SignedDataModel.Parse(cms);
        if (model.SignerInfos.Count == 0)
        {
            throw new CmsFormatException("SignedData.signerInfos", "the CMS has no SignerInfo.");
        }

        var oid = model.SignerInfos[0].DigestAlgorithm.Oid;
        return CmsOids.DigestFromOid(oid) ?? throw new CmsFormatException("SignerInfo.digestAlgorithm", $"the digest algorithm {oid} is not supported.");
    }

    /// <summary>Verifies a CMS over a content stream (hashed here with the CMS's digest algorithm).</summary>
    /// <param name="cms">The CMS.</param>
    /// <param name="content">The detached content.</param>
    /// <param name="input">Extra inputs (DSS); may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    public async Task<CmsVerificationResult> VerifyContentAsync(ReadOnlyMemory<byte> cms, Stream content, CmsVerificationInput? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        HashAlgorithmName algorithm;
        try
        {
            algorithm = GetDigestAlgorithm(cms);
        }
        catch (EDocFormatException)
        {
            algorithm = HashAlgorithmName.SHA256;
        }

        using var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return await VerifyAsync(cms, hash.GetHashAndReset(), input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies a CMS against the digest of its detached content.</summary>
    /// <param name="cms">The CMS (trailing zero padding of /Contents allowed).</param>
    /// <param name="contentDigest">The digest of the content (ByteRange bytes) with <see cref="GetDigestAlgorithm"/>.</param>
    /// <param name="input">Extra inputs (DSS); may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels online revocation checks.</param>
    /// <returns>The report; never throws for bad signatures.</returns>
    public async Task<CmsVerificationResult> VerifyAsync(ReadOnlyMemory<byte> cms, ReadOnlyMemory<byte> contentDigest, CmsVerificationInput? input = null, CancellationToken cancellationToken = default)
    {
        var result = new CmsVerificationResult();
        var problems = new ValidationProblemCollector();
        var integrity = Check(cms, contentDigest, input, result, problems, out var certificates);
        result.IsIntegrityValid = integrity;
        result.ValidationTime = input?.ValidationTime ?? result.TimestampTime ?? _time.GetUtcNow();
        if (result.SignerCertificate is { } signer)
        {
            var chain = BuildChain(signer, certificates, result.ValidationTime, problems, out var trusted);
            result.Chain = chain;
            result.Trust = trusted ? CertificateTrustStatus.Trusted : CertificateTrustStatus.Untrusted;
            if (_checkRevocation && chain.Count > 0)
            {
                await CheckRevocationAsync(chain, trusted, input?.RevocationData, result, problems, cancellationToken).ConfigureAwait(false);
            }
        }

        result.Problems = problems.Problems.ToList();
        var errors = problems.Problems.Any(p => p.Severity == ValidationSeverity.Error);
        result.Status = !integrity || result.RevocationStatus == CertificateRevocationStatus.Revoked
            ? CmsVerificationStatus.Invalid
            : errors ? CmsVerificationStatus.Indeterminate : CmsVerificationStatus.Valid;
        return result;
    }

    /// <summary>
    /// Verifies an RFC 3161 token on its own, e.g. a PAdES document timestamp (/SubFilter ETSI.RFC3161): imprint
    /// equals <paramref name="expectedHash"/>, signature, timeStamping usage and the TSA chain to the timestamp trust
    /// anchors.
    /// </summary>
    /// <param name="token">The DER token (trailing zero padding allowed).</param>
    /// <param name="expectedHash">The hash of the timestamped bytes with <see cref="TimestampValidator.GetHashAlgorithm"/>.</param>
    /// <param name="input">Extra certificates (the DSS); may be <see langword="null"/>.</param>
    /// <returns>The report; never throws for bad tokens.</returns>
    public TimestampVerificationResult VerifyTimestampToken(ReadOnlyMemory<byte> token, ReadOnlySpan<byte> expectedHash, CmsVerificationInput? input = null)
    {
        var problems = new ValidationProblemCollector();
        TimestampInfo info;
        X509Certificate2Collection extra = [.. _extra, .. input?.RevocationData?.Certificates ?? []];
        try
        {
            var length = token.Length;
            try
            {
                AsnDecoder.ReadEncodedValue(token.Span, AsnEncodingRules.BER, out _, out _, out length);
            }
            catch (AsnContentException)
            {
            }

            info = TimestampValidator.ValidateHash(token[..length], expectedHash, extra);
        }
        catch (EDocFormatException ex)
        {
            problems.Error("timestamp", "timestamp-format", ex.Message, "Dấu thời gian không đọc được.");
            return new TimestampVerificationResult(CmsVerificationStatus.Invalid, null, false, [], problems.Problems.ToList());
        }

        if (!info.IsImprintValid)
        {
            problems.Error("timestamp.messageImprint", "timestamp-imprint", "The timestamp does not cover these bytes: the document was changed.", "Dấu thời gian không khớp với nội dung: văn bản đã bị thay đổi.");
        }

        if (!info.IsSignatureValid)
        {
            problems.Error("timestamp.signature", "timestamp-signature", "The timestamp token signature is invalid.", "Chữ ký của dấu thời gian không hợp lệ.");
        }

        if (info.TsaCertificate is not null && !info.HasTimestampingUsage)
        {
            problems.Error("timestamp.certificate", "timestamp-usage", "The TSA certificate lacks the timeStamping extended key usage.", "Chứng thư của đơn vị cấp dấu thời gian thiếu mục đích timeStamping.");
        }

        var trusted = false;
        IReadOnlyList<X509Certificate2> chainList = [];
        if (info.TsaCertificate is { } tsa)
        {
            using var chain = NewChain(_tsaAnchors, extra.Cast<X509Certificate2>(), info.GenerationTime);
            trusted = _tsaAnchors.Count > 0 && chain.Build(tsa);
            chainList = chain.ChainElements.Select(e => X509CertificateLoader.LoadCertificate(e.Certificate.RawDataMemory.Span)).ToList();
            if (!trusted)
            {
                problems.Error("timestamp.certificate", "timestamp-untrusted", "The TSA certificate does not chain to a trusted anchor: " + Describe(chain), "Chứng thư của đơn vị cấp dấu thời gian không được tin cậy.");
            }
        }

        var status = !info.IsImprintValid || !info.IsSignatureValid ? CmsVerificationStatus.Invalid
            : problems.Problems.Count > 0 ? CmsVerificationStatus.Indeterminate : CmsVerificationStatus.Valid;
        return new TimestampVerificationResult(status, info, trusted, chainList, problems.Problems.ToList());
    }

    private bool Check(
        ReadOnlyMemory<byte> cms,
        ReadOnlyMemory<byte> contentDigest,
        CmsVerificationInput? input,
        CmsVerificationResult result,
        ValidationProblemCollector problems,
        out List<X509Certificate2> certificates)
    {
        certificates = [];
        SignedDataModel model;
        try
        {
            model = SignedDataModel.Parse(cms);
        }
        catch (EDocFormatException ex)
        {
            problems.Error("cms", "cms-format", ex.Message, "Cấu trúc chữ ký CMS không hợp lệ: " + ex.Message);
            return false;
        }

        if (cms.Length > model.EncodedLength && cms.Span[model.EncodedLength..].ContainsAnyExcept((byte)0))
        {
            problems.Warning("cms", "cms-trailing-data", "Non-zero bytes follow the CMS structure.", "Có dữ liệu khác 0 sau cấu trúc CMS.");
        }

        if (model.SignerInfos.Count != 1)
        {
            problems.Error("cms.signerInfos", "signer-count", $"The CMS has {model.SignerInfos.Count} SignerInfos; exactly one is required.", $"CMS có {model.SignerInfos.Count} SignerInfo; yêu cầu đúng một.");
            if (model.SignerInfos.Count == 0)
            {
                return false;
            }
        }

        if (model.EncapsulatedContent is not null)
        {
            problems.Error("cms.encapContentInfo", "not-detached", "The CMS embeds its content; a detached signature is required.", "CMS chứa nội dung bên trong; yêu cầu chữ ký tách rời (detached).");
        }

        var si = model.SignerInfos[0];
        result.DigestAlgorithm = CmsOids.DigestFromOid(si.DigestAlgorithm.Oid);
        var ok = true;

        var messageDigest = SafeMessageDigest(si);
        if (si.SignedAttributes is null)
        {
            problems.Warning("cms.signedAttrs", "no-signed-attributes", "The SignerInfo has no signed attributes: a legacy PKCS#7 signature, not PAdES baseline.", "Chữ ký không có thuộc tính được ký (kiểu PKCS#7 cũ, không theo chuẩn PAdES).");
        }
        else if (messageDigest is null)
        {
            problems.Error("cms.signedAttrs.messageDigest", "message-digest-missing", "The message-digest signed attribute is missing.", "Thiếu thuộc tính message-digest.");
            ok = false;
        }
        else if (!messageDigest.AsSpan().SequenceEqual(contentDigest.Span))
        {
            problems.Error("cms.signedAttrs.messageDigest", "message-digest-mismatch", "The signed content digest does not match the document: the document was changed after signing.", "Giá trị băm của nội dung không khớp: văn bản đã bị thay đổi sau khi ký.");
            ok = false;
        }

        var contentType = si.FindSigned(CmsOids.ContentType);
        if (si.SignedAttributes is not null && (contentType is null || contentType.Values.Count != 1 || !IsOid(contentType.Values[0], CmsOids.Data)))
        {
            problems.Warning("cms.signedAttrs.contentType", "content-type", "The content-type signed attribute is missing or not id-data.", "Thuộc tính content-type thiếu hoặc không phải id-data.");
        }

        if (si.FindSigned(CmsOids.SigningTime) is not null)
        {
            result.HasSigningTimeAttribute = true;
            problems.Warning("cms.signedAttrs.signingTime", "pades-signing-time", "The CMS carries a signing-time attribute, which PAdES baseline forbids; the claimed time is not trusted.", "CMS có thuộc tính signing-time, chuẩn PAdES không cho phép; thời gian này không được tin cậy.");
        }

        certificates = LoadCertificates(model, input);
        var signer = certificates.FirstOrDefault(si.Identifies);
        if (signer is null)
        {
            problems.Error("cms.certificates", "signer-certificate-missing", "The signer certificate is neither in the CMS nor in the supplied certificates.", "Không tìm thấy chứng thư số của người ký.");
            return false;
        }

        result.SignerCertificate = signer;
        result.Signer = SignerIdentity.FromCertificate(signer);
        var problem = CmsCore.VerifySignature(si, signer, out var algorithmName, contentDigest);
        result.SignatureAlgorithm = algorithmName;
        if (problem is not null)
        {
            problems.Error("cms.signature", "signature-invalid", "The signature value is invalid: " + problem, "Chữ ký số không hợp lệ (giá trị chữ ký không khớp với khóa công khai).");
            ok = false;
        }

        ok &= CheckEss(si, signer, result, problems);
        CheckTimestamp(si, certificates, result, problems);
        return ok;
    }

    private static byte[]? SafeMessageDigest(SignerInfoModel signerInfo)
    {
        try
        {
            return CmsCore.ReadMessageDigest(signerInfo);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static bool IsOid(ReadOnlyMemory<byte> encoded, string oid)
    {
        try
        {
            return new AsnReader(encoded, AsnEncodingRules.BER).ReadObjectIdentifier() == oid;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private List<X509Certificate2> LoadCertificates(SignedDataModel model, CmsVerificationInput? input)
    {
        var list = new List<X509Certificate2>();
        void Add(X509Certificate2 c)
        {
            if (!list.Any(x => x.RawDataMemory.Span.SequenceEqual(c.RawDataMemory.Span)))
            {
                list.Add(c);
            }
        }

        foreach (var raw in model.Certificates)
        {
            try
            {
                Add(X509CertificateLoader.LoadCertificate(raw.Span));
            }
            catch (CryptographicException)
            {
                // A malformed certificate in the bag is ignored; the signer lookup reports a missing signer.
            }
        }

        foreach (var c in input?.RevocationData?.Certificates ?? [])
        {
            Add(c);
        }

        foreach (var c in _extra)
        {
            Add(c);
        }

        return list;
    }

    private static bool CheckEss(SignerInfoModel si, X509Certificate2 signer, CmsVerificationResult result, ValidationProblemCollector problems)
    {
        var v2 = si.FindSigned(CmsOids.SigningCertificateV2);
        var v1 = si.FindSigned(CmsOids.SigningCertificate);
        if (si.SignedAttributes is null)
        {
            return true;
        }

        if (v2 is null && v1 is null)
        {
            problems.Warning("cms.signedAttrs.signingCertificateV2", "ess-missing", "The ESS signing-certificate-v2 attribute is missing (PAdES baseline requires it).", "Thiếu thuộc tính ESS signing-certificate-v2 (chuẩn PAdES yêu cầu).");
            return true;
        }

        try
        {
            var attribute = (v2 ?? v1)!;
            var certs = new AsnReader(attribute.Values[0], AsnEncodingRules.BER).ReadSequence().ReadSequence();
            var first = certs.ReadSequence();
            var hashAlgorithm = HashAlgorithmName.SHA1;
            if (v2 is not null)
            {
                hashAlgorithm = HashAlgorithmName.SHA256;
                if (first.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
                {
                    hashAlgorithm = CmsOids.DigestFromOid(AlgorithmIdentifierModel.Read(first).Oid) ?? throw new AsnContentException("unsupported ESS hash");
                }
            }

            var certHash = first.ReadOctetString();
            if (!certHash.AsSpan().SequenceEqual(CmsCore.Hash(hashAlgorithm, signer.RawDataMemory.Span)))
            {
                problems.Error("cms.signedAttrs.signingCertificateV2", "ess-mismatch", "The ESS signing-certificate attribute names another certificate than the signer's.", "Thuộc tính ESS signing-certificate không khớp với chứng thư số của người ký.");
                return false;
            }

            result.HasSigningCertificateV2 = v2 is not null;
            return true;
        }
        catch (AsnContentException)
        {
            problems.Error("cms.signedAttrs.signingCertificateV2", "ess-format", "The ESS signing-certificate attribute is malformed.", "Thuộc tính ESS signing-certificate không hợp lệ.");
            return false;
        }
    }

    private void CheckTimestamp(SignerInfoModel si, List<X509Certificate2> certificates, CmsVerificationResult result, ValidationProblemCollector problems)
    {
        var attribute = si.UnsignedAttributes.FirstOrDefault(a => a.Oid == CmsOids.TimeStampToken);
        if (attribute is null || attribute.Values.Count == 0)
        {
            return;
        }

        TimestampInfo info;
        try
        {
            info = TimestampValidator.Validate(attribute.Values[0], si.Signature.Span, [.. certificates]);
        }
        catch (EDocFormatException ex)
        {
            problems.Error("cms.unsignedAttrs.timeStampToken", "timestamp-format", ex.Message, "Dấu thời gian không đọc được.");
            result.IsTimestampTrusted = false;
            return;
        }

        result.Timestamp = info;
        if (!info.IsImprintValid)
        {
            problems.Error("cms.unsignedAttrs.timeStampToken", "timestamp-imprint", "The timestamp does not cover this signature value.", "Dấu thời gian không gắn với giá trị chữ ký này.");
        }

        if (!info.IsSignatureValid || info.TsaCertificate is null)
        {
            problems.Error("cms.unsignedAttrs.timeStampToken", "timestamp-signature", "The timestamp token signature is invalid.", "Chữ ký của dấu thời gian không hợp lệ.");
        }

        if (info.TsaCertificate is not null && !info.HasTimestampingUsage)
        {
            problems.Error("cms.unsignedAttrs.timeStampToken", "timestamp-usage", "The TSA certificate lacks the timeStamping extended key usage.", "Chứng thư của đơn vị cấp dấu thời gian thiếu mục đích timeStamping.");
        }

        var trusted = false;
        if (info.TsaCertificate is { } tsa && info.IsValid)
        {
            using var chain = NewChain(_tsaAnchors, certificates, info.GenerationTime);
            trusted = chain.Build(tsa);
            if (!trusted)
            {
                problems.Error("cms.unsignedAttrs.timeStampToken", "timestamp-untrusted", "The TSA certificate does not chain to a trusted anchor: " + Describe(chain), "Chứng thư của đơn vị cấp dấu thời gian không được tin cậy.");
            }
        }

        result.IsTimestampTrusted = info.IsValid && trusted;
    }

    private List<X509Certificate2> BuildChain(X509Certificate2 signer, List<X509Certificate2> certificates, DateTimeOffset time, ValidationProblemCollector problems, out bool trusted)
    {
        if (_anchors.Count == 0)
        {
            problems.Error("certificate.chain", "no-trust-anchors", "No trust anchor is configured; the signer cannot be trusted.", "Chưa cấu hình chứng thư gốc tin cậy; không thể xác nhận người ký.");
        }

        using var chain = NewChain(_anchors, certificates, time);
        trusted = _anchors.Count > 0 && chain.Build(signer);
        if (_anchors.Count > 0 && !trusted)
        {
            problems.Error("certificate.chain", "untrusted", "The signer certificate does not chain to a trusted anchor: " + Describe(chain), "Chứng thư số của người ký không được tin cậy (không xây dựng được chuỗi tới chứng thư gốc): " + Describe(chain));
        }

        return chain.ChainElements.Select(e => X509CertificateLoader.LoadCertificate(e.Certificate.RawDataMemory.Span)).ToList();
    }

    private static X509Chain NewChain(X509Certificate2Collection anchors, IEnumerable<X509Certificate2> extra, DateTimeOffset time)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.ExtraStore.AddRange(extra.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = time.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain;
    }

    private static string Describe(X509Chain chain)
    {
        var statuses = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToArray();
        return statuses.Length == 0 ? "unknown reason" : string.Join(", ", statuses);
    }

    private async Task CheckRevocationAsync(List<X509Certificate2> chain, bool trusted, RevocationData? supplied, CmsVerificationResult result, ValidationProblemCollector problems, CancellationToken cancellationToken)
    {
        var results = new List<ChainRevocationResult>();
        var last = trusted ? chain.Count - 1 : chain.Count;
        for (var i = 0; i < last && i + 1 < chain.Count; i++)
        {
            var certificate = chain[i];
            var issuer = chain[i + 1];
            if (certificate.Extensions["1.3.6.1.5.5.7.48.1.5"] is not null)
            {
                continue; // id-pkix-ocsp-nocheck
            }

            RevocationCheckResult? check = null;
            if (_mode == RevocationMode.Online)
            {
                check = await FetchAsync(certificate, issuer, result, cancellationToken).ConfigureAwait(false);
            }

            if (check is null || check.Status == CertificateRevocationStatus.Unknown)
            {
                check = FromSupplied(supplied, certificate, issuer, result.ValidationTime) ?? check;
            }

            if ((check is null || check.Status == CertificateRevocationStatus.Unknown) && _mode == RevocationMode.OnlineIfMissing)
            {
                check = await FetchAsync(certificate, issuer, result, cancellationToken).ConfigureAwait(false) ?? check;
            }

            check ??= RevocationCheckResult.None(_mode == RevocationMode.Offline || _collector is null
                ? "No OCSP response or CRL was supplied for the certificate."
                : "No OCSP response or CRL could be obtained for the certificate.");
            results.Add(new ChainRevocationResult(certificate, check));
            var path = i == 0 ? "certificate.revocation" : $"chain[{i}].revocation";
            if (check.Status == CertificateRevocationStatus.Revoked)
            {
                problems.Error(path, "revoked", $"The certificate '{certificate.Subject}' is revoked ({check.Source}): {check.Message}", $"Chứng thư số '{certificate.Subject}' đã bị thu hồi.");
            }
            else if (check.Status == CertificateRevocationStatus.Unknown)
            {
                problems.Error(path, "revocation-unknown", $"The revocation status of '{certificate.Subject}' is unknown: {check.Message}", $"Không xác định được tình trạng thu hồi của chứng thư số '{certificate.Subject}'.");
            }
        }

        result.RevocationResults = results;
        result.RevocationStatus = results.Count == 0
            ? CertificateRevocationStatus.Good
            : results.Any(r => r.Result.Status == CertificateRevocationStatus.Revoked) ? CertificateRevocationStatus.Revoked
            : results.Any(r => r.Result.Status == CertificateRevocationStatus.Unknown) ? CertificateRevocationStatus.Unknown
            : CertificateRevocationStatus.Good;
    }

    private static RevocationCheckResult? FromSupplied(RevocationData? data, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset time)
    {
        if (data is null)
        {
            return null;
        }

        RevocationCheckResult? unknown = null;
        foreach (var response in data.OcspResponses)
        {
            var check = RevocationValidator.CheckOcsp(response, certificate, issuer, time);
            if (check.Status != CertificateRevocationStatus.Unknown)
            {
                return check;
            }

            if (check.Source == "ocsp")
            {
                unknown = check;
            }
        }

        foreach (var crl in data.Crls)
        {
            var check = RevocationValidator.CheckCrl(crl, certificate, issuer, time);
            if (check.Status != CertificateRevocationStatus.Unknown)
            {
                return check;
            }
        }

        return unknown;
    }

    private async Task<RevocationCheckResult?> FetchAsync(X509Certificate2 certificate, X509Certificate2 issuer, CmsVerificationResult result, CancellationToken cancellationToken)
    {
        if (_collector is null)
        {
            return null;
        }

        var time = result.ValidationTime;
        var ocsp = await _collector.FetchOcspResponseAsync(certificate, issuer, cancellationToken).ConfigureAwait(false);
        if (ocsp is not null)
        {
            var check = RevocationValidator.CheckOcsp(ocsp, certificate, issuer, time);
            if (check.Status != CertificateRevocationStatus.Unknown || check.Source == "ocsp")
            {
                result.FetchedRevocationData.OcspResponses.Add(ocsp);
                return check;
            }
        }

        var crl = await _collector.FetchCrlAsync(certificate, cancellationToken).ConfigureAwait(false);
        if (crl is not null)
        {
            var check = RevocationValidator.CheckCrl(crl, certificate, issuer, time);
            if (check.Status != CertificateRevocationStatus.Unknown)
            {
                result.FetchedRevocationData.Crls.Add(crl);
                return check;
            }
        }

        return null;
    }
}
