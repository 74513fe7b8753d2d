using System.ComponentModel.DataAnnotations;

namespace EDoc.SampleHost;

/// <summary>The <c>SampleHost</c> section of appsettings.json: where the host keeps its files and who it is.</summary>
public sealed class SampleHostOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "SampleHost";

    /// <summary>The folder of the SQLite files, the development certificates and the documents (relative to the working directory).</summary>
    [Required]
    public string DataDirectory { get; set; } = "edoc-data";

    /// <summary>The agency this host works for (the sender of its outgoing documents).</summary>
    [Required]
    public AgencySettings Agency { get; set; } = new();

    /// <summary>The agency the drafts are addressed to (a department with an account on the same hub).</summary>
    [Required]
    public AgencySettings Peer { get; set; } = new();

    /// <summary>The password of the development PFX files generated on first run.</summary>
    [Required]
    public string CertificatePassword { get; set; } = "edoc-dev";

    /// <summary>The hub emulator started in-process (embedded default); disable it to use a real hub (<c>Interchange:Hub:Endpoint</c>).</summary>
    public EmbeddedHubSettings EmbeddedHub { get; set; } = new();
}

/// <summary>An agency: its QCVN 102 code and name.</summary>
public sealed class AgencySettings
{
    /// <summary>The QCVN 102 code (mã định danh), e.g. <c>000.00.00.H41</c>.</summary>
    [Required]
    [RegularExpression(@"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")]
    public string Code { get; set; } = string.Empty;

    /// <summary>The name.</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>The abbreviation of the issuing agency in notations (<c>UBND</c> in <c>08/QĐ-UBND</c>).</summary>
    public string Abbreviation { get; set; } = "UBND";

    /// <summary>The place in the date line (địa danh).</summary>
    public string Place { get; set; } = "Nghệ An";
}

/// <summary>The in-process hub emulator.</summary>
public sealed class EmbeddedHubSettings
{
    /// <summary>Whether to start it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where it listens (port 0: any free port on the loopback).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>The peer agency's secret on the emulator (the host's own secret is <c>Interchange:Hub:Secret</c>).</summary>
    [Required]
    public string PeerSecret { get; set; } = string.Empty;
}

/// <summary>Validates <see cref="SampleHostOptions"/> with its nested settings, every problem at once, naming each setting.</summary>
public sealed class SampleHostOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<SampleHostOptions>
{
    /// <inheritdoc />
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, SampleHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options, SampleHostOptions.Section, failures);
        Check(options.Agency, SampleHostOptions.Section + ":Agency", failures);
        Check(options.Peer, SampleHostOptions.Section + ":Peer", failures);
        Check(options.EmbeddedHub, SampleHostOptions.Section + ":EmbeddedHub", failures);
        if (string.Equals(options.Agency.Code, options.Peer.Code, StringComparison.Ordinal))
        {
            failures.Add($"{SampleHostOptions.Section}:Peer:Code: '{options.Peer.Code}' is the agency's own code.");
        }

        return failures.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object value, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
