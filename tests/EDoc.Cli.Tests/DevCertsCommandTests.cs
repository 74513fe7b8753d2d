using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace EDoc.Cli.Tests;

public class DevCertsCommandTests
{
    [Fact]
    public async Task DevCerts_OutDir_WritesLoadablePfxChainingToCaCrt()
    {
        var dir = Path.Combine(Path.GetTempPath(), "edoc-devcerts-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await CliRunner.RunAsync("dev-certs", "--out", dir, "--password", "bí mật");

            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Equal(new[] { "agency.pfx", "ca.crt", "clerk.pfx", "signer.pfx" }, Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order().ToArray());
            var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dir, "ca.crt"));
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(Path.Combine(dir, "ca.crt")), StringComparison.Ordinal);
            foreach (var name in new[] { "signer.pfx", "agency.pfx", "clerk.pfx" })
            {
                using var leaf = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(dir, name), "bí mật");
                Assert.True(leaf.HasPrivateKey, name);
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                Assert.True(chain.Build(leaf), name + ": " + string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
            }

            Assert.Contains("signer.pfx", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("Nguyễn Văn An", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task DevCerts_Json_DefaultPassword_ListsFourFiles()
    {
        var dir = Path.Combine(Path.GetTempPath(), "edoc-devcerts-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await CliRunner.RunAsync("dev-certs", "--out", dir, "--json");

            Assert.Equal(0, result.ExitCode);
            using var doc = JsonDocument.Parse(result.Stdout);
            var files = doc.RootElement.GetProperty("files").EnumerateArray().ToList();
            Assert.Equal(4, files.Count);
            Assert.Contains(files, f => f.GetProperty("role").GetString() == "organization" && f.GetProperty("subject").GetString()!.Contains("MST:0101234567", StringComparison.Ordinal));
            using var agency = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(dir, "agency.pfx"), "edoc-dev");
            Assert.True(agency.HasPrivateKey);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task DevCerts_MissingOut_ExitsTwo()
    {
        var result = await CliRunner.RunAsync("dev-certs");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task DevCerts_OutIsAFile_ExitsOneNamingIt()
    {
        var file = Path.GetTempFileName();
        try
        {
            var result = await CliRunner.RunAsync("dev-certs", "--out", file);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(file, result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
