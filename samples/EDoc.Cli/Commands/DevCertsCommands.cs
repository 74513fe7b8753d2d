using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Certificates;

namespace EDoc.Cli.Commands;

/// <summary><c>edoc dev-certs --out DIR [--password P] [--json]</c>: a throw-away CA and signer certificates for development.</summary>
internal static class DevCertsCommands
{
    public const string DefaultPassword = "edoc-dev";

    public static Command Create(CliContext context)
    {
        var outOption = new Option<string>("--out") { Description = "Directory to write ca.crt, signer.pfx, agency.pfx and clerk.pfx into (created if missing).", Required = true };
        var passwordOption = new Option<string>("--password") { Description = $"Password of the PFX files (default {DefaultPassword}).", DefaultValueFactory = _ => DefaultPassword };
        var jsonOption = new Option<bool>("--json") { Description = "Print what was written as one JSON document." };
        var command = new Command("dev-certs", "Create development certificates (chứng thư số thử nghiệm): a CA, a person, an agency and a clerk. Never trust them in production.")
        {
            outOption,
            passwordOption,
            jsonOption,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var directory = parseResult.GetValue(outOption)!;
            var password = parseResult.GetValue(passwordOption) ?? DefaultPassword;
            return Task.FromResult(Run(context, directory, password, parseResult.GetValue(jsonOption)));
        });
        return command;
    }

    private static int Run(CliContext context, string directory, string password, bool json)
    {
        if (File.Exists(directory))
        {
            return context.Fail(directory, "exists and is a file, not a directory.");
        }

        Directory.CreateDirectory(directory);
        using var pki = DevelopmentCertificates.Create();
        var written = new List<DevCertFile>
        {
            Write(directory, "ca.crt", "ca", pki.Ca, System.Text.Encoding.ASCII.GetBytes(pki.Ca.ExportCertificatePem() + "\n")),
            Write(directory, "signer.pfx", "person", pki.Signer, pki.ExportPkcs12(pki.Signer, password)),
            Write(directory, "agency.pfx", "organization", pki.Agency, pki.ExportPkcs12(pki.Agency, password)),
            Write(directory, "clerk.pfx", "clerk", pki.Clerk, pki.ExportPkcs12(pki.Clerk, password)),
        };

        if (json)
        {
            context.WriteJson(new { directory = Path.GetFullPath(directory), files = written });
        }
        else
        {
            foreach (var file in written)
            {
                context.Out.WriteLine($"{file.Path}  {file.Role}  {file.Subject}  (valid to {file.NotAfter:yyyy-MM-dd})");
            }

            context.Out.WriteLine("Development certificates only: do not trust ca.crt outside tests.");
        }

        return CliApp.ExitOk;
    }

    private static DevCertFile Write(string directory, string name, string role, X509Certificate2 certificate, byte[] bytes)
    {
        var path = Path.GetFullPath(Path.Combine(directory, name));
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return new DevCertFile(path, role, certificate.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime());
    }

    private sealed record DevCertFile(string Path, string Role, string Subject, string Thumbprint, DateTime NotAfter);
}
