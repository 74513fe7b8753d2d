using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Cms;

namespace EDoc.Signing.Timestamps;

/// <summary>Options of <see cref="Rfc3161TimestampClient"/>.</summary>
public sealed class Rfc3161TimestampClientOptions
{
    /// <summary>The TSA URL, for example <c>http://tsa.ca.gov.vn</c>. Required.</summary>
    public Uri? TsaUri { get; set; }

    /// <summary>The hash algorithm of the message imprint.</summary>
    /// <value>The default value is <see cref="HashAlgorithmName.SHA256"/>.</value>
    public HashAlgorithmName HashAlgorithm { get; set; } = HashAlgorithmName.SHA256;

    /// <summary>The TSA policy to request, or <see langword="null"/> for the TSA's default.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? RequestedPolicyOid { get; set; }

    /// <summary>The largest response accepted, in bytes.</summary>
    /// <value>The default value is 1 MiB.</value>
    public int MaxResponseSize { get; set; } = 1024 * 1024;

    /// <summary>Whether the TSA certificate must carry the extended key usage timeStamping (RFC 3161 §2.3).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireTimestampingUsage { get; set; } = true;
}

/// <summary>
/// An RFC 3161 timestamp client (máy khách dấu thời gian) over HTTP POST (<c>application/timestamp-query</c>). It
/// sends a nonce and certReq, and accepts a response only when its status is granted, its nonce and message imprint
/// match the request, the token signature verifies and the TSA certificate has the timeStamping usage. Retries and
/// timeouts belong to the injected <see cref="HttpClient"/> (e.g. a resilience handler).
/// </summary>
public sealed class Rfc3161TimestampClient
{
    private readonly HttpClient _httpClient;
    private readonly Uri _tsaUri;
    private readonly HashAlgorithmName _hashAlgorithm;
    private readonly Oid? _policy;
    private readonly int _maxResponseSize;
    private readonly bool _requireUsage;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="httpClient">The HTTP client (owned by the caller).</param>
    /// <param name="options">The options; copied.</param>
    public Rfc3161TimestampClient(HttpClient httpClient, Rfc3161TimestampClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TsaUri is null || !options.TsaUri.IsAbsoluteUri)
        {
            throw new ArgumentException("Rfc3161TimestampClientOptions.TsaUri must be an absolute URL.", nameof(options));
        }

        _ = CmsOids.DigestOid(options.HashAlgorithm);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxResponseSize, 1024, nameof(options));
        _httpClient = httpClient;
        _tsaUri = options.TsaUri;
        _hashAlgorithm = options.HashAlgorithm;
        _policy = options.RequestedPolicyOid is null ? null : new Oid(options.RequestedPolicyOid);
        _maxResponseSize = options.MaxResponseSize;
        _requireUsage = options.RequireTimestampingUsage;
    }

    /// <summary>Requests a timestamp token over data (hashed here with the configured algorithm).</summary>
    /// <param name="data">The data to timestamp.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The DER token (ContentInfo with SignedData over a TSTInfo).</returns>
    /// <exception cref="TimestampException">The TSA failed or answered wrongly.</exception>
    public Task<byte[]> RequestTokenForDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        => RequestTokenForHashAsync(CmsCore.Hash(_hashAlgorithm, data.Span), _hashAlgorithm, cancellationToken);

    /// <summary>Requests a timestamp token for a hash.</summary>
    /// <param name="hash">The message imprint.</param>
    /// <param name="hashAlgorithm">Its algorithm.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The DER token.</returns>
    /// <exception cref="TimestampException">The TSA failed or answered wrongly.</exception>
    public async Task<byte[]> RequestTokenForHashAsync(ReadOnlyMemory<byte> hash, HashAlgorithmName hashAlgorithm, CancellationToken cancellationToken = default)
    {
        Signers.SigningKeyAlgorithms.ValidateHash(hash.Span, hashAlgorithm);
        var nonce = RandomNumberGenerator.GetBytes(16);
        nonce[0] &= 0x7F;
        var request = Rfc3161TimestampRequest.CreateFromHash(hash, hashAlgorithm, _policy, nonce, requestSignerCertificates: true);
        var response = await PostAsync(request.Encode(), cancellationToken).ConfigureAwait(false);

        Rfc3161TimestampToken token;
        try
        {
            // Checks the status (granted), the nonce, the message imprint, the policy and that certificates were sent.
            token = request.ProcessResponse(response, out _);
        }
        catch (CryptographicException ex)
        {
            throw new TimestampException("timestamp.response", $"The TSA {_tsaUri} refused the request or answered with a response that does not match it: {ex.Message}", false, ex);
        }

        if (!token.VerifySignatureForHash(hash.Span, hashAlgorithm, out var tsaCertificate, extraCandidates: null) || tsaCertificate is null)
        {
            throw new TimestampException("timestamp.signature", $"The token from {_tsaUri} does not verify.");
        }

        using (tsaCertificate)
        {
            if (_requireUsage && !TimestampValidator.HasTimestampingUsage(tsaCertificate))
            {
                throw new TimestampException("timestamp.usage", $"The TSA certificate '{tsaCertificate.Subject}' lacks the extended key usage timeStamping (1.3.6.1.5.5.7.3.8).");
            }
        }

        return token.AsSignedCms().Encode();
    }

    /// <summary>
    /// Adds a signature-time-stamp (B-T) to a CMS: timestamps the hash of its signature value and adds the token as
    /// the unsigned attribute id-aa-timeStampToken.
    /// </summary>
    /// <param name="cms">The CMS with one SignerInfo.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The CMS with the token.</returns>
    public async Task<byte[]> AddSignatureTimestampAsync(ReadOnlyMemory<byte> cms, CancellationToken cancellationToken = default)
    {
        var signatureValue = CmsSignatureBuilder.GetSignatureValue(cms);
        var token = await RequestTokenForDataAsync(signatureValue, cancellationToken).ConfigureAwait(false);
        return CmsSignatureBuilder.AddTimestampToken(cms, token);
    }

    private async Task<byte[]> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.PostAsync(_tsaUri, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new TimestampException("timestamp.http", $"The TSA {_tsaUri} could not be reached: {ex.Message}", true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimestampException("timestamp.timeout", $"The TSA {_tsaUri} did not answer in time.", true, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw new TimestampException("timestamp.http", $"The TSA {_tsaUri} answered HTTP {status}.", status >= 500 || status == 429);
            }

            return await HttpBodies.ReadLimitedAsync(response.Content, _maxResponseSize, "TSA response", cancellationToken).ConfigureAwait(false);
        }
    }
}
