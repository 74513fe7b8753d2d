using System.Buffers;
using System.IO.Compression;
using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Pdf.Parsing;

/// <summary>Stream filters needed for xref and object streams: FlateDecode with PNG/TIFF predictors (ISO 32000-1 §7.4.4).</summary>
internal static class PdfFilters
{
    public static byte[] Decode(byte[] encoded, PdfDictionary streamDict, Func<PdfObject?, PdfObject?> resolve, long maxLength, string location)
    {
        PdfObject? filter = resolve(streamDict.Get("Filter"));
        PdfObject? parms = resolve(streamDict.Get("DecodeParms"));
        var filters = new List<string>();
        var parmList = new List<PdfDictionary?>();
        switch (filter)
        {
            case null:
            case PdfNull:
                return encoded;
            case PdfName n:
                filters.Add(n.Value);
                parmList.Add(resolve(parms) as PdfDictionary);
                break;
            case PdfArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    filters.Add((resolve(a[i]) as PdfName)?.Value ?? throw new PdfFormatException(location, "a /Filter entry is not a name."));
                    parmList.Add(parms is PdfArray pa && i < pa.Count ? resolve(pa[i]) as PdfDictionary : null);
                }

                break;
            default:
                throw new PdfFormatException(location, "/Filter is neither a name nor an array.");
        }

        byte[] data = encoded;
        for (int i = 0; i < filters.Count; i++)
        {
            data = filters[i] switch
            {
                "FlateDecode" or "Fl" => ApplyPredictor(Inflate(data, maxLength, location), parmList[i], resolve, location),
                _ => throw new PdfFormatException(location, $"the stream filter /{filters[i]} is not supported here."),
            };
        }

        return data;
    }

    public static byte[] Inflate(byte[] data, long maxLength, string location)
    {
        try
        {
            return InflateCore(new ZLibStream(new MemoryStream(data, false), CompressionMode.Decompress), maxLength, location, strict: false);
        }
        catch (Exception ex) when (IsCorruptData(ex))
        {
            // Some producers write raw deflate data without the zlib header.
            try
            {
                return InflateCore(new DeflateStream(new MemoryStream(data, false), CompressionMode.Decompress), maxLength, location, strict: true);
            }
            catch (Exception inner) when (IsCorruptData(inner))
            {
                throw new PdfFormatException(location, "the Flate data of a stream is corrupt.", ex);
            }
        }
    }

    /// <summary>
    /// Corrupt Flate data: System.IO.Compression throws <see cref="InvalidDataException"/>, and its internal
    /// ZLibException (an <see cref="IOException"/>) for a zlib header asking for a preset dictionary, which FlateDecode
    /// cannot supply. The input is always a <see cref="MemoryStream"/>, so no <see cref="IOException"/> here is a disk
    /// failure.
    /// </summary>
    private static bool IsCorruptData(Exception ex) => ex is InvalidDataException or IOException;

    private static byte[] InflateCore(Stream z, long maxLength, string location, bool strict)
    {
        using (z)
        {
            using var output = new MemoryStream();
            byte[] buffer = ArrayPool<byte>.Shared.Rent(16384);
            try
            {
                while (true)
                {
                    int n;
                    try
                    {
                        n = z.Read(buffer, 0, buffer.Length);
                    }
                    catch (Exception ex) when (!strict && output.Length > 0 && IsCorruptData(ex))
                    {
                        // A truncated end of a zlib stream (missing checksum) is common; keep what was decoded.
                        break;
                    }

                    if (n <= 0)
                    {
                        break;
                    }

                    if (output.Length + n > maxLength)
                    {
                        throw new EDocLimitExceededException("PDF", location, "MaxStreamLength", maxLength);
                    }

                    output.Write(buffer, 0, n);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return output.ToArray();
        }
    }

    private static byte[] ApplyPredictor(byte[] data, PdfDictionary? parms, Func<PdfObject?, PdfObject?> resolve, string location)
    {
        if (parms is null)
        {
            return data;
        }

        long predictor = (resolve(parms.Get("Predictor")) as PdfInteger)?.Value ?? 1;
        if (predictor <= 1)
        {
            return data;
        }

        long columns = (resolve(parms.Get("Columns")) as PdfInteger)?.Value ?? 1;
        long colors = (resolve(parms.Get("Colors")) as PdfInteger)?.Value ?? 1;
        long bpc = (resolve(parms.Get("BitsPerComponent")) as PdfInteger)?.Value ?? 8;
        if (columns is < 1 or > 1_000_000 || colors is < 1 or > 32 || bpc is not (1 or 2 or 4 or 8 or 16))
        {
            throw new PdfFormatException(location, "invalid predictor parameters.");
        }

        int bpp = (int)Math.Max(1, (colors * bpc + 7) / 8);
        int rowLength = (int)((columns * colors * bpc + 7) / 8);
        if (predictor == 2)
        {
            if (bpc != 8)
            {
                throw new PdfFormatException(location, "TIFF predictor with BitsPerComponent other than 8 is not supported.");
            }

            byte[] outTiff = (byte[])data.Clone();
            for (int row = 0; row + rowLength <= outTiff.Length; row += rowLength)
            {
                for (int i = bpp; i < rowLength; i++)
                {
                    outTiff[row + i] = (byte)(outTiff[row + i] + outTiff[row + i - bpp]);
                }
            }

            return outTiff;
        }

        if (predictor < 10)
        {
            throw new PdfFormatException(location, $"predictor {predictor} is not supported.");
        }

        int rows = data.Length / (rowLength + 1);
        byte[] result = new byte[rows * rowLength];
        byte[] prev = new byte[rowLength];
        for (int r = 0; r < rows; r++)
        {
            int src = r * (rowLength + 1);
            int type = data[src];
            Span<byte> cur = result.AsSpan(r * rowLength, rowLength);
            ReadOnlySpan<byte> raw = data.AsSpan(src + 1, rowLength);
            for (int i = 0; i < rowLength; i++)
            {
                int left = i >= bpp ? cur[i - bpp] : 0;
                int up = prev[i];
                int upLeft = i >= bpp ? prev[i - bpp] : 0;
                int value = type switch
                {
                    0 => raw[i],
                    1 => raw[i] + left,
                    2 => raw[i] + up,
                    3 => raw[i] + ((left + up) >> 1),
                    4 => raw[i] + Paeth(left, up, upLeft),
                    _ => throw new PdfFormatException(location, $"invalid PNG predictor row type {type}."),
                };
                cur[i] = (byte)value;
            }

            cur.CopyTo(prev);
        }

        return result;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
