using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Certificates;
using Microsoft.Extensions.Options;

namespace EDoc.SampleHost;

/// <summary>
/// The development certificates of the host, generated on first run into <c>{DataDirectory}/certs</c> (ca.crt,
/// signer.pfx, agency.pfx) and loaded from there afterwards. Never trust them outside development.
/// </summary>
public sealed partial class DevelopmentPki : IDisposable
{
    /// <summary>Loads the certificates, creating them on first run.</summary>
    /// <param name="options">The host options.</param>
    /// <param name="logger">The logger.</param>
    public DevelopmentPki(IOptions<SampleHostOptions> options, ILogger<DevelopmentPki> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        Directory = Path.GetFullPath(Path.Combine(o.DataDirectory, "certs"));
        string ca = Path.Combine(Directory, "ca.crt"), signer = Path.Combine(Directory, "signer.pfx"), agency = Path.Combine(Directory, "agency.pfx");
        if (!File.Exists(ca) || !File.Exists(signer) || !File.Exists(agency))
        {
            System.IO.Directory.CreateDirectory(Directory);
            using var pki = DevelopmentCertificates.Create();
            WriteAtomic(signer, pki.ExportPkcs12(pki.Signer, o.CertificatePassword));
            WriteAtomic(agency, pki.ExportPkcs12(pki.Agency, o.CertificatePassword));
            WriteAtomic(ca, System.Text.Encoding.ASCII.GetBytes(pki.Ca.ExportCertificatePem() + "\n"));
            LogCreated(logger, Directory);
        }

        Ca = X509CertificateLoader.LoadCertificateFromFile(ca);
        Signer = X509CertificateLoader.LoadPkcs12FromFile(signer, o.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        Agency = X509CertificateLoader.LoadPkcs12FromFile(agency, o.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
    }

    /// <summary>The folder of the certificate files.</summary>
    public string Directory { get; }

    /// <summary>The development CA (the trust anchor of the verifications).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The signer (a person: the head of the agency).</summary>
    public X509Certificate2 Signer { get; }

    /// <summary>The agency (an organisation certificate: the seal).</summary>
    public X509Certificate2 Agency { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Ca.Dispose();
        Signer.Dispose();
        Agency.Dispose();
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Development certificates created in {Directory} (trust ca.crt only for development).")]
    private static partial void LogCreated(ILogger logger, string directory);

    private static void WriteAtomic(string path, byte[] bytes)
    {
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
