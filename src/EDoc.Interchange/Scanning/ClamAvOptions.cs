namespace EDoc.Interchange.Scanning;

/// <summary>Where clamd listens and the limits of the ClamAV client.</summary>
public sealed class ClamAvOptions
{
    /// <summary>The host of clamd's TCP socket (<c>TCPAddr</c>).</summary>
    /// <value>The default value is <c>127.0.0.1</c>.</value>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port of clamd's TCP socket (<c>TCPSocket</c>).</summary>
    /// <value>The default value is 3310.</value>
    public int Port { get; set; } = 3310;

    /// <summary>The time allowed to connect.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The time allowed for a whole scan (sending and the verdict).</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan ScanTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The size of each INSTREAM chunk, in bytes.</summary>
    /// <value>The default value is 64 KiB.</value>
    public int ChunkSize { get; set; } = 64 * 1024;

    /// <summary>
    /// The largest content sent to clamd, in bytes; keep it at most clamd's <c>StreamMaxLength</c>. Larger content is
    /// refused with <see cref="EDocLimitExceededException"/> rather than passed unscanned.
    /// </summary>
    /// <value>The default value is 100 MiB.</value>
    public long MaxStreamLength { get; set; } = 100L * 1024 * 1024;
}
