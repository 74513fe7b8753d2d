using System.Security.Cryptography;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>
/// Fresh 16-byte values for the second element of the trailer /ID (ISO 32000-1 §14.4: it changes with every
/// update). Cryptographically random, drawn from a per-thread block that is refilled once every 32 identifiers:
/// one call into the system random source per identifier costs more than the rest of the trailer.
/// </summary>
internal static class PdfFileIdentifier
{
    private const int Length = 16;
    private const int BlockLength = Length * 32;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_used;

    /// <summary>Returns 16 new random bytes.</summary>
    public static byte[] Create()
    {
        byte[]? block = t_block;
        if (block is null || t_used + Length > BlockLength)
        {
            block = t_block ??= new byte[BlockLength];
            RandomNumberGenerator.Fill(block);
            t_used = 0;
        }

        byte[] id = block.AsSpan(t_used, Length).ToArray();
        block.AsSpan(t_used, Length).Clear();
        t_used += Length;
        return id;
    }
}
