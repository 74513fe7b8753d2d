using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Timestamps;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;

namespace EDoc.Signing.Revocation;

/// <summary>Options of <see cref="RevocationDataCollector"/>.</summary>
public sealed class RevocationDataCollectorOptions
{
    /// <summary>The largest OCSP response or CRL downloaded, in bytes.</summary>
    /// <value>The default value is 10 MiB (national CRLs can be large).</value>
    public int MaxResponseSize { get; set; } = 10 * 1024 * 1024;

    /// <summary>Whether OCSP requests carry a nonce (some responders with pre-produced responses refuse nonces).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseOcspNonce { get; set; } = true;

    /// <summary>Whether to fall back to the CRL (CDP) when no OCSP response is obtained.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool FallBackToCrl { get; set; } = true;
}

/// <summary>
/// Gathers revocation evidence over HTTP: OCSP responses from the AIA OCSP URL (RFC 6960, POST
/// <c>application/ocsp-request</c>) and CRLs from the CRL distribution points. Used for PAdES B-LT (the DSS) and
/// for online verification. Retries and timeouts belong to the injected <see cref="HttpClient"/>.
/// </summary>
public sealed class RevocationDataCollector
{
    private readonly HttpClient _httpClient;
    private readonly int _maxSize;
    private readonly bool _nonce;
    private readonly bool _crlFallback;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="httpClient">The HTTP client (owned by the caller).</param>
    /// <param name="options">The options; copied. <see langword="null"/> for the defaults.</param>
    public RevocationDataCollector(HttpClient httpClient, RevocationDataCollectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        options ??= new RevocationDataCollectorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxResponseSize, 1024, nameof(options));
        _httpClient = httpClient;
        _maxSize = options.MaxResponseSize;
        _nonce = options.UseOcspNonce;
        _crlFallback = options.FallBackToCrl;
    }

    /// <summary>Asks the certificate's OCSP responder (AIA) for its status.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="issuer">Its issuer.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The DER OCSPResponse, or <see langword="null"/> when the certificate names no OCSP URL or the responder fails.</returns>
    public async Task<byte[]?> FetchOcspResponseAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        var aia = certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>().FirstOrDefault();
        var url = aia?.EnumerateOcspUris().FirstOrDefault(u => u.StartsWith("http", StringComparison.OrdinalIgnoreCase));
        if (url is null)
        {
            return null;
        }

        var bcCert = RevocationValidator.ToBc(certificate);
        var id = new CertificateID(new AlgorithmIdentifier(Org.BouncyCastle.Asn1.Oiw.OiwObjectIdentifiers.IdSha1, DerNull.Instance), RevocationValidator.ToBc(issuer), bcCert.SerialNumber);
        var generator = new OcspReqGenerator();
        generator.AddRequest(id);
        byte[]? nonce = null;
        if (_nonce)
        {
            nonce = RandomNumberGenerator.GetBytes(16);
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, new DerOctetString(nonce));
            generator.SetRequestExtensions(extensions.Generate());
        }

        var body = generator.Generate().GetEncoded();
        var response = await SendAsync(HttpMethod.Post, url, body, "application/ocsp-request", cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        try
        {
            var parsed = new OcspResp(response);
            if (parsed.Status != OcspRespStatus.Successful || parsed.GetResponseObject() is not BasicOcspResp basic)
            {
                return null;
            }

            var echoed = basic.GetExtensionValue(OcspObjectIdentifiers.PkixOcspNonce);
            if (nonce is not null && echoed is not null)
            {
                var inner = Asn1OctetString.GetInstance(Asn1Object.FromByteArray(echoed.GetOctets())).GetOctets();
                if (!inner.AsSpan().SequenceEqual(nonce))
                {
                    return null;
                }
            }

            return response;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or OcspException or InvalidCastException)
        {
            return null;
        }
    }

    /// <summary>Downloads the first CRL that can be fetched from the certificate's CRL distribution points.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The DER CRL (PEM is converted), or <see langword="null"/>.</returns>
    public async Task<byte[]?> FetchCrlAsync(X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (var url in RevocationValidator.CrlDistributionPoints(certificate).Where(u => u.StartsWith("http", StringComparison.OrdinalIgnoreCase)))
        {
            var data = await SendAsync(HttpMethod.Get, url, null, null, cancellationToken).ConfigureAwait(false);
            if (data is null || data.Length == 0)
            {
                continue;
            }

            if (data[0] == (byte)'-')
            {
                var text = System.Text.Encoding.ASCII.GetString(data);
                if (!PemEncoding.TryFind(text, out var fields))
                {
                    continue;
                }

                data = Convert.FromBase64String(text[fields.Base64Data]);
            }

            return data;
        }

        return null;
    }

    /// <summary>
    /// Gathers OCSP responses (or CRLs as fallback) for every certificate of a chain except the last (the root).
    /// </summary>
    /// <param name="chain">The chain, leaf first, root last.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The evidence found, with the chain certificates.</returns>
    public async Task<RevocationData> CollectAsync(IReadOnlyList<X509Certificate2> chain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var data = new RevocationData();
        for (var i = 0; i < chain.Count; i++)
        {
            data.Certificates.Add(chain[i]);
            if (i + 1 >= chain.Count)
            {
                break;
            }

            var ocsp = await FetchOcspResponseAsync(chain[i], chain[i + 1], cancellationToken).ConfigureAwait(false);
            if (ocsp is not null)
            {
                data.OcspResponses.Add(ocsp);
                continue;
            }

            if (_crlFallback)
            {
                var crl = await FetchCrlAsync(chain[i], cancellationToken).ConfigureAwait(false);
                if (crl is not null)
                {
                    data.Crls.Add(crl);
                }
            }
        }

        return data;
    }

    /// <summary>
    /// Gathers what a PAdES B-LT DSS needs for one CMS signature: the chain of the signer certificate and, when the
    /// CMS has a signature-time-stamp, of the TSA certificate (missing issuers are fetched from AIA caIssuers), and an
    /// OCSP response or CRL for every certificate but the roots.
    /// </summary>
    /// <param name="cms">The CMS signature (trailing padding allowed).</param>
    /// <param name="extraCertificates">Certificates that may complete the chains (a configured intermediate store).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>Certificates, OCSP responses and CRLs for the DSS.</returns>
    /// <exception cref="Cms.CmsFormatException">The CMS is malformed or its signer certificate is missing.</exception>
    public async Task<RevocationData> CollectForSignatureAsync(ReadOnlyMemory<byte> cms, IEnumerable<X509Certificate2>? extraCertificates = null, CancellationToken cancellationToken = default)
    {
        var model = Cms.SignedDataModel.Parse(cms);
        if (model.SignerInfos.Count != 1)
        {
            throw new Cms.CmsFormatException("SignedData.signerInfos", $"the CMS has {model.SignerInfos.Count} SignerInfos; exactly one is required.");
        }

        var pool = new List<X509Certificate2>(extraCertificates ?? []);
        pool.AddRange(model.Certificates.Select(c => X509CertificateLoader.LoadCertificate(c.Span)));
        var signer = pool.FirstOrDefault(model.SignerInfos[0].Identifies)
            ?? throw new Cms.CmsFormatException("SignedData.certificates", "the signer certificate is not in the CMS nor in the extra certificates.");
        var data = new RevocationData();
        data.AddRange(await CollectAsync(await CompleteChainAsync(signer, pool, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false));

        var token = model.SignerInfos[0].UnsignedAttributes.FirstOrDefault(a => a.Oid == Cms.CmsOids.TimeStampToken);
        if (token is not null && token.Values.Count > 0)
        {
            var tokenModel = Cms.SignedDataModel.Parse(token.Values[0]);
            var tokenPool = new List<X509Certificate2>(pool);
            tokenPool.AddRange(tokenModel.Certificates.Select(c => X509CertificateLoader.LoadCertificate(c.Span)));
            var tsa = tokenModel.SignerInfos.Count == 1 ? tokenPool.FirstOrDefault(tokenModel.SignerInfos[0].Identifies) : null;
            if (tsa is not null)
            {
                data.AddRange(await CollectAsync(await CompleteChainAsync(tsa, tokenPool, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false));
            }
        }

        return data;
    }

    /// <summary>Builds a chain leaf → root from a pool, fetching missing issuers from AIA caIssuers (at most 8 levels).</summary>
    private async Task<List<X509Certificate2>> CompleteChainAsync(X509Certificate2 leaf, List<X509Certificate2> pool, CancellationToken cancellationToken)
    {
        var chain = new List<X509Certificate2> { leaf };
        var current = leaf;
        for (var depth = 0; depth < 8 && !IsSelfIssued(current); depth++)
        {
            var issuer = pool.FirstOrDefault(c => IsIssuerOf(c, current));
            if (issuer is null)
            {
                issuer = await FetchIssuerAsync(current, cancellationToken).ConfigureAwait(false);
                if (issuer is null)
                {
                    break;
                }

                pool.Add(issuer);
            }

            if (chain.Any(c => c.RawDataMemory.Span.SequenceEqual(issuer.RawDataMemory.Span)))
            {
                break;
            }

            chain.Add(issuer);
            current = issuer;
        }

        return chain;
    }

    private async Task<X509Certificate2?> FetchIssuerAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var aia = certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>().FirstOrDefault();
        foreach (var url in aia?.EnumerateCAIssuersUris().Where(u => u.StartsWith("http", StringComparison.OrdinalIgnoreCase)) ?? [])
        {
            var data = await SendAsync(HttpMethod.Get, url, null, null, cancellationToken).ConfigureAwait(false);
            if (data is null)
            {
                continue;
            }

            try
            {
                var candidates = data.Length > 0 && data[0] == (byte)'-'
                    ? [X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(data))]
                    : TryLoadDerOrPkcs7(data);
                var issuer = candidates.FirstOrDefault(c => IsIssuerOf(c, certificate));
                if (issuer is not null)
                {
                    return issuer;
                }
            }
            catch (CryptographicException)
            {
                // Not a certificate; try the next URL.
            }
        }

        return null;
    }

    private static X509Certificate2[] TryLoadDerOrPkcs7(byte[] data)
    {
        try
        {
            return [X509CertificateLoader.LoadCertificate(data)];
        }
        catch (CryptographicException)
        {
            var signed = new System.Security.Cryptography.Pkcs.SignedCms();
            signed.Decode(data);
            return [.. signed.Certificates];
        }
    }

    private static bool IsSelfIssued(X509Certificate2 certificate) => certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private static bool IsIssuerOf(X509Certificate2 issuer, X509Certificate2 certificate)
    {
        if (!issuer.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            return false;
        }

        try
        {
            RevocationValidator.ToBc(certificate).Verify(RevocationValidator.ToBc(issuer).GetPublicKey());
            return true;
        }
        catch (Exception ex) when (ex is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException or Org.BouncyCastle.Security.Certificates.CertificateException or Org.BouncyCastle.Crypto.CryptoException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task<byte[]?> SendAsync(HttpMethod method, string url, byte[]? body, string? contentType, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType!);
            }

            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            return await HttpBodies.ReadLimitedAsync(response.Content, _maxSize, "revocation response", cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
