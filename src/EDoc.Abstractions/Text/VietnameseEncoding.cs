namespace EDoc.Text;

/// <summary>How Vietnamese text is encoded (bảng mã).</summary>
public enum VietnameseEncoding
{
    /// <summary>Detect the encoding with <see cref="LegacyEncodingDetector"/>; text that shows no sign of a legacy encoding is left as Unicode.</summary>
    Auto = 0,

    /// <summary>Unicode (TCVN 6909:2001): UTF-8 bytes or a .NET string; only normalized to NFC (Unicode dựng sẵn).</summary>
    Unicode = 1,

    /// <summary>
    /// TCVN3 (ABC; TCVN 5712:1993 VN3, the .VnTime fonts): one byte per letter. As a string, the bytes read as
    /// Windows-1252 or Latin-1 ("ViÖt Nam").
    /// </summary>
    Tcvn3 = 2,

    /// <summary>
    /// VNI-Windows (the VNI-Times fonts): a base letter followed by a mark byte. As a string, the bytes read as
    /// Windows-1252 ("Vieät Nam").
    /// </summary>
    Vni = 3,

    /// <summary>VIQR (Vietnamese Quoted-Readable, RFC 1456): ASCII mnemonics ("Vie^.t Nam", <c>dd</c> for đ).</summary>
    Viqr = 4,

    /// <summary>UTF-8 that was decoded as Windows-1252 or Latin-1, once or twice ("Viá»‡t Nam").</summary>
    Utf8Mojibake = 5,
}
