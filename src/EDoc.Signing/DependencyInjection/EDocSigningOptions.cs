using EDoc.Signing.Cms;
using Microsoft.Extensions.Options;

namespace EDoc.Signing;

/// <summary>Settings of EDoc.Signing in dependency injection (section e.g. <c>"EDoc:Signing"</c>); validated at start-up.</summary>
public sealed class EDocSigningOptions
{
    /// <summary>
    /// The RFC 3161 timestamp authority (máy chủ cấp dấu thời gian) used for B-T and above; absolute http or https.
    /// <value>The default value is <see langword="null"/>: no TSA (only B-B) unless <c>AddTimestampAuthority(Uri)</c> sets one.</value>
    /// </summary>
    public Uri? TimestampAuthorityUri { get; set; }

    /// <summary>Bytes reserved in /Contents for the timestamp token. <value>The default value is 8,192; allowed 1,024–1,048,576.</value></summary>
    public int TimestampAllowance { get; set; } = CmsSignatureBuilder.DefaultTimestampAllowance;

    /// <summary>Where intermediate files go. <value>The default value is <see langword="null"/>: the system temp folder.</value></summary>
    public string? TemporaryDirectory { get; set; }

    /// <summary>Whether B-LT fails without revocation data. <value>The default value is <see langword="true"/>.</value></summary>
    public bool RequireRevocationData { get; set; } = true;

    internal PdfSignerOptions ToSignerOptions() => new()
    {
        TimestampAllowance = TimestampAllowance,
        TemporaryDirectory = TemporaryDirectory,
        RequireRevocationData = RequireRevocationData,
    };
}

/// <summary>Checks <see cref="EDocSigningOptions"/> and reports every problem at once.</summary>
internal sealed class EDocSigningOptionsValidator : IValidateOptions<EDocSigningOptions>
{
    public ValidateOptionsResult Validate(string? name, EDocSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        if (options.TimestampAllowance is < 1024 or > 1024 * 1024)
        {
            builder.AddError($"TimestampAllowance must be between 1024 and 1048576 bytes; it is {options.TimestampAllowance}.", nameof(options.TimestampAllowance));
        }

        if (options.TimestampAuthorityUri is { } uri && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            builder.AddError($"TimestampAuthorityUri must be an absolute http or https URI; it is '{uri}'.", nameof(options.TimestampAuthorityUri));
        }

        if (options.TemporaryDirectory is { } dir && !Directory.Exists(dir))
        {
            builder.AddError($"TemporaryDirectory '{dir}' does not exist.", nameof(options.TemporaryDirectory));
        }

        return builder.Build();
    }
}
