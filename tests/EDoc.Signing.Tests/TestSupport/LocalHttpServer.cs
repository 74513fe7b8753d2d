using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EDoc.Signing.Tests.TestSupport;

internal sealed record LocalHttpResponse(int Status, string ContentType, byte[] Body);

/// <summary>A tiny HTTP/1.1 server on 127.0.0.1 (one request per connection) for TSA, OCSP and CRL tests.</summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<string, string, byte[], LocalHttpResponse> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public LocalHttpServer(Func<string, string, byte[], LocalHttpResponse> handler)
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(AcceptLoop);
    }

    public Uri BaseUri { get; }

    public int RequestCount => Volatile.Read(ref _requests);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            var one = new byte[4096];
            int headerEnd;
            while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
            {
                var n = await stream.ReadAsync(one);
                if (n == 0)
                {
                    return;
                }

                buffer.AddRange(one.AsSpan(0, n).ToArray());
            }

            var head = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray());
            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var length = 0;
            foreach (var line in lines.Skip(1))
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            var body = buffer.Skip(headerEnd + 4).ToList();
            while (body.Count < length)
            {
                var n = await stream.ReadAsync(one);
                if (n == 0)
                {
                    break;
                }

                body.AddRange(one.AsSpan(0, n).ToArray());
            }

            Interlocked.Increment(ref _requests);
            LocalHttpResponse response;
            try
            {
                response = _handler(requestLine[0], requestLine[1], body.ToArray());
            }
            catch (Exception ex)
            {
                response = new LocalHttpResponse(500, "text/plain", Encoding.UTF8.GetBytes(ex.ToString()));
            }

            var header = $"HTTP/1.1 {response.Status} X\r\nContent-Type: {response.ContentType}\r\nContent-Length: {response.Body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(header));
            await stream.WriteAsync(response.Body);
            await stream.FlushAsync();
        }
    }

    private static int IndexOfHeaderEnd(List<byte> data)
    {
        for (var i = 0; i + 3 < data.Count; i++)
        {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }
}
