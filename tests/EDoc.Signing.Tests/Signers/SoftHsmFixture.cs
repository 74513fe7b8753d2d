using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Signers;

/// <summary>A SoftHSM2 token in a temp dir with an RSA key (id 01, with its certificate) and an EC P-256 key (id 02).</summary>
public sealed class SoftHsmFixture : IDisposable
{
    public const string TokenLabel = "edoc-test";
    public const string Pin = "246810";
    public const string LibraryPath = "/usr/lib/softhsm/libsofthsm2.so";

    private readonly TempDir _dir = new();

    public SoftHsmFixture()
    {
        ExternalTool.Require("softhsm2-util", "softhsm2");
        ExternalTool.Require("pkcs11-tool", "opensc");
        Directory.CreateDirectory(_dir.File("tokens"));
        var conf = _dir.WriteText("softhsm2.conf", $"directories.tokendir = {_dir.File("tokens")}\nobjectstore.backend = file\nlog.level = ERROR\n");
        var env = new Dictionary<string, string> { ["SOFTHSM2_CONF"] = conf };

        // The native module reads SOFTHSM2_CONF with getenv; .NET's Environment does not reach the C environment.
        _ = SetEnv("SOFTHSM2_CONF", conf, 1);
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", conf);

        Check(ExternalTool.Run("softhsm2-util", "softhsm2", ["--init-token", "--free", "--label", TokenLabel, "--pin", Pin, "--so-pin", "13579111"], env));
        _dir.WriteText("rsa.pem", KeyPem.PrivateKeyPem(TestPki.Rsa.Signer));
        Check(ExternalTool.Run("softhsm2-util", "softhsm2", ["--import", _dir.File("rsa.pem"), "--token", TokenLabel, "--label", "signer", "--id", "01", "--pin", Pin], env));
        _dir.WriteText("ec.pem", KeyPem.PrivateKeyPem(TestPki.EcP256));
        Check(ExternalTool.Run("softhsm2-util", "softhsm2", ["--import", _dir.File("ec.pem"), "--token", TokenLabel, "--label", "ec-signer", "--id", "02", "--pin", Pin], env));
        _dir.Write("rsa.der", TestPki.Rsa.Signer.RawData);
        Check(ExternalTool.Run("pkcs11-tool", "opensc", ["--module", LibraryPath, "--token-label", TokenLabel, "--login", "--pin", Pin, "--write-object", _dir.File("rsa.der"), "--type", "cert", "--id", "01", "--label", "signer"], env));
        File.Delete(_dir.File("rsa.pem"));
        File.Delete(_dir.File("ec.pem"));
    }

    public X509Certificate2 RsaCertificate => TestPki.Rsa.Signer;

    public X509Certificate2 EcCertificate => TestPki.EcP256;

    private static void Check(ToolResult result) => Assert.True(result.ExitCode == 0, result.All);

#pragma warning disable SYSLIB1054, CA2101 // plain P/Invoke keeps the test project free of unsafe code; strings are ASCII paths.
    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
#pragma warning restore SYSLIB1054, CA2101

    public void Dispose() => _dir.Dispose();
}
