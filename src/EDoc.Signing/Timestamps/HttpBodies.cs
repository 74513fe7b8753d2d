namespace EDoc.Signing.Timestamps;

/// <summary>Reads HTTP bodies with a size limit.</summary>
internal static class HttpBodies
{
    public static async Task<byte[]> ReadLimitedAsync(HttpContent content, int maxSize, string subject, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is long declared && declared > maxSize)
        {
            throw new EDocLimitExceededException(subject, null, "MaxResponseSize", maxSize, declared);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxSize)
                {
                    throw new EDocLimitExceededException(subject, null, "MaxResponseSize", maxSize);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
