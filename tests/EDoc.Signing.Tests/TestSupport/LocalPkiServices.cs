using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EDoc.Signing.Certificates;

namespace EDoc.Signing.Tests.TestSupport;

internal static class KeyPem
{
    public static string PrivateKeyPem(X509Certificate2 certificate)
        => certificate.GetRSAPrivateKey() is { } rsa ? rsa.ExportPkcs8PrivateKeyPem() : certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();
}

/// <summary>An RFC 3161 TSA on 127.0.0.1 whose replies are made by <c>openssl ts -reply</c> (an independent peer).</summary>
internal sealed class OpenSslTsaServer : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly LocalHttpServer _http;
    private readonly object _gate = new();

    public OpenSslTsaServer(DevelopmentCertificates pki)
    {
        _dir.WriteText("tsa.crt", pki.TimestampAuthority.ExportCertificatePem());
        _dir.WriteText("tsa.key", KeyPem.PrivateKeyPem(pki.TimestampAuthority));
        _dir.WriteText("ca.crt", pki.Ca.ExportCertificatePem());
        _dir.WriteText("tsaserial", "01\n");
        _dir.WriteText("tsa.cnf", $"""
            [ tsa ]
            default_tsa = tsa_config1
            [ tsa_config1 ]
            dir = {_dir.Path}
            serial = $dir/tsaserial
            crypto_device = builtin
            signer_cert = $dir/tsa.crt
            certs = $dir/ca.crt
            signer_key = $dir/tsa.key
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            digests = sha256, sha384, sha512
            accuracy = secs:1
            ordering = yes
            tsa_name = no
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256
            """);
        _http = new LocalHttpServer(Handle);
    }

    public Uri Uri => _http.BaseUri;

    public string Directory => _dir.Path;

    public int RequestCount => _http.RequestCount;

    private LocalHttpResponse Handle(string method, string path, byte[] body)
    {
        lock (_gate)
        {
            var query = _dir.Write("q.tsq", body);
            var reply = _dir.File("r.tsr");
            var result = ExternalTool.OpenSsl("ts", "-reply", "-config", _dir.File("tsa.cnf"), "-queryfile", query, "-out", reply);
            if (result.ExitCode != 0)
            {
                return new LocalHttpResponse(500, "text/plain", Encoding.UTF8.GetBytes(result.All));
            }

            return new LocalHttpResponse(200, "application/timestamp-reply", File.ReadAllBytes(reply));
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }
}

/// <summary>
/// OCSP and CRL on 127.0.0.1: POST /ocsp answered by <c>openssl ocsp -index … -reqin … -respout …</c>, GET /ca.crl
/// serves a CRL made by the development CA. Revoked certificates are listed in both.
/// </summary>
internal sealed class LocalRevocationServer : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly LocalHttpServer _http;
    private readonly DevelopmentCertificates _pki = null!;
    private readonly List<X509Certificate2> _revoked = [];
    private readonly object _gate = new();

    public LocalRevocationServer(DevelopmentKeyType endEntityKeys = DevelopmentKeyType.EcdsaP256)
    {
        _http = new LocalHttpServer(Handle);
        var pki = DevelopmentCertificates.Create(new DevelopmentCertificateOptions { ServiceBaseUri = _http.BaseUri, EndEntityKeyType = endEntityKeys });
        _pki = pki;
        _dir.WriteText("ca.crt", pki.Ca.ExportCertificatePem());
        _dir.WriteText("ocsp.crt", pki.OcspResponder.ExportCertificatePem());
        _dir.WriteText("ocsp.key", KeyPem.PrivateKeyPem(pki.OcspResponder));
        WriteIndex();
    }

    /// <summary>A PKI whose end-entity certificates point AIA/CDP at this server.</summary>
    public DevelopmentCertificates Pki => _pki;

    public Uri BaseUri => _http.BaseUri;

    public bool OcspEnabled { get; set; } = true;

    public int RequestCount => _http.RequestCount;

    public void Revoke(X509Certificate2 certificate)
    {
        lock (_gate)
        {
            _revoked.Add(certificate);
            WriteIndex();
        }
    }

    /// <summary>Writes the openssl index: V for the set's end entities, R for the revoked ones.</summary>
    private void WriteIndex()
    {
        static string Time(DateTime t) => t.ToUniversalTime().ToString("yyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "Z";
        var lines = new StringBuilder();
        foreach (var c in new[] { _pki.Signer, _pki.Agency, _pki.Clerk }.Concat(_revoked).DistinctBy(c => c.SerialNumber))
        {
            var revoked = _revoked.Any(r => r.SerialNumber == c.SerialNumber);
            lines.Append(revoked ? 'R' : 'V').Append('\t').Append(Time(c.NotAfter)).Append('\t')
                .Append(revoked ? Time(DateTime.UtcNow.AddHours(-1)) : string.Empty).Append('\t')
                .Append(c.SerialNumber).Append("\tunknown\t/CN=").Append(c.SerialNumber).Append('\n');
        }

        _dir.WriteText("index.txt", lines.ToString());
    }

    private LocalHttpResponse Handle(string method, string path, byte[] body)
    {
        lock (_gate)
        {
            if (_pki is null)
            {
                return new LocalHttpResponse(503, "text/plain", []);
            }

            if (path.EndsWith("/ca.crt", StringComparison.Ordinal))
            {
                return new LocalHttpResponse(200, "application/pkix-cert", _pki.Ca.RawData);
            }

            if (path.EndsWith("/ca.crl", StringComparison.Ordinal))
            {
                return new LocalHttpResponse(200, "application/pkix-crl", _pki.CreateCrl(_revoked));
            }

            if (path.EndsWith("/ocsp", StringComparison.Ordinal) && method == "POST" && OcspEnabled)
            {
                var request = _dir.Write("q.der", body);
                var response = _dir.File("r.der");
                var result = ExternalTool.OpenSsl("ocsp", "-index", _dir.File("index.txt"), "-CA", _dir.File("ca.crt"), "-rsigner", _dir.File("ocsp.crt"), "-rkey", _dir.File("ocsp.key"), "-reqin", request, "-respout", response, "-ndays", "1");
                if (result.ExitCode != 0)
                {
                    return new LocalHttpResponse(500, "text/plain", Encoding.UTF8.GetBytes(result.All));
                }

                return new LocalHttpResponse(200, "application/ocsp-response", File.ReadAllBytes(response));
            }

            return new LocalHttpResponse(404, "text/plain", []);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
        _pki.Dispose();
    }
}
