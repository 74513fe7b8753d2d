using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using EDoc.Interchange.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EDoc.Interchange.Scanning;

/// <summary>
/// A ClamAV client speaking clamd's <c>zINSTREAM</c> protocol over TCP: the content goes in chunks of
/// <c>[4-byte big-endian length][bytes]</c>, ended by a zero length; clamd answers <c>stream: OK</c> or
/// <c>stream: &lt;name&gt; FOUND</c>.
/// </summary>
public sealed class ClamAvScanner : IMalwareScanner
{
    private const int MaxReplyLength = 4096;
    private readonly string _host;
    private readonly int _port;
    private readonly TimeSpan _connectTimeout;
    private readonly TimeSpan _scanTimeout;
    private readonly int _chunkSize;
    private readonly long _maxStreamLength;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">Where clamd listens and the limits; copied.</param>
    /// <param name="timeProvider">The clock of the timeouts.</param>
    /// <param name="logger">The logger.</param>
    public ClamAvScanner(ClamAvOptions options, TimeProvider? timeProvider = null, ILogger<ClamAvScanner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host, "options.Host");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1, "options.Port");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535, "options.Port");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1, "options.ChunkSize");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxStreamLength, 1, "options.MaxStreamLength");
        _host = options.Host;
        _port = options.Port;
        _connectTimeout = options.ConnectTimeout;
        _scanTimeout = options.ScanTimeout;
        _chunkSize = options.ChunkSize;
        _maxStreamLength = options.MaxStreamLength;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Checks that clamd answers (<c>zPING</c> → <c>PONG</c>).</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="true"/> when clamd answered PONG.</returns>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await CommandAsync("zPING\0", cancellationToken).ConfigureAwait(false) == "PONG";
        }
        catch (MalwareScanException)
        {
            return false;
        }
    }

    /// <summary>Reads clamd's version (<c>zVERSION</c>), for example <c>ClamAV 1.4.6/…</c>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The version text.</returns>
    /// <exception cref="MalwareScanException">clamd could not be reached.</exception>
    public Task<string> GetVersionAsync(CancellationToken cancellationToken = default) => CommandAsync("zVERSION\0", cancellationToken);

    /// <inheritdoc />
    public async Task<MalwareScanResult> ScanAsync(Stream content, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(name);
        if (content.CanSeek && content.Length - content.Position > _maxStreamLength)
        {
            throw new EDocLimitExceededException("malware scan", name, nameof(ClamAvOptions.MaxStreamLength), _maxStreamLength, content.Length - content.Position);
        }

        using var timeout = new CancellationTokenSource(_scanTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string reply;
        try
        {
            using var client = await ConnectAsync(linked.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), linked.Token).ConfigureAwait(false);
            var buffer = new byte[4 + _chunkSize];
            long total = 0;
            while (true)
            {
                int read = await content.ReadAsync(buffer.AsMemory(4, _chunkSize), linked.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > _maxStreamLength)
                {
                    throw new EDocLimitExceededException("malware scan", name, nameof(ClamAvOptions.MaxStreamLength), _maxStreamLength, total);
                }

                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                await stream.WriteAsync(buffer.AsMemory(0, 4 + read), linked.Token).ConfigureAwait(false);
            }

            await stream.WriteAsync(new byte[4], linked.Token).ConfigureAwait(false);
            reply = await ReadReplyAsync(stream, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            Log.ScanFailed(_logger, name, "timeout");
            throw new MalwareScanException($"The malware scan of '{name}' timed out after {_scanTimeout}.", ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            Log.ScanFailed(_logger, name, ex.GetType().Name);
            throw new MalwareScanException($"clamd at {_host}:{_port} could not scan '{name}': {ex.Message}", ex);
        }

        return Interpret(reply, name);
    }

    internal static MalwareScanResult Interpret(string reply, string name)
    {
        // Replies: "stream: OK", "stream: <signature> FOUND", "INSTREAM size limit exceeded. ERROR", "<text> ERROR".
        string text = reply.StartsWith("stream:", StringComparison.Ordinal) ? reply["stream:".Length..].Trim() : reply.Trim();
        if (text == "OK")
        {
            return MalwareScanResult.Clean;
        }

        if (text.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            return MalwareScanResult.Infected(text[..^" FOUND".Length].Trim());
        }

        throw new MalwareScanException($"clamd could not scan '{name}': {text}");
    }

    private async Task<string> CommandAsync(string command, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_scanTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var client = await ConnectAsync(linked.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command), linked.Token).ConfigureAwait(false);
            return await ReadReplyAsync(stream, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            throw new MalwareScanException($"clamd at {_host}:{_port} did not answer {command.TrimEnd('\0')}: {ex.Message}", ex);
        }
    }

    private async Task<TcpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(_connectTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await client.ConnectAsync(_host, _port, linked.Token).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<string> ReadReplyAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var reply = new MemoryStream();
        var buffer = new byte[512];
        while (true)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            int zero = Array.IndexOf(buffer, (byte)0, 0, read);
            reply.Write(buffer, 0, zero < 0 ? read : zero);
            if (zero >= 0)
            {
                break;
            }

            if (reply.Length > MaxReplyLength)
            {
                throw new IOException("clamd's reply is too long.");
            }
        }

        return Encoding.ASCII.GetString(reply.GetBuffer(), 0, (int)reply.Length).Trim();
    }
}
