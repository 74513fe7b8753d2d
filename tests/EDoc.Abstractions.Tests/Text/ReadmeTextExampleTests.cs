using EDoc.Text;

namespace EDoc.Abstractions.Tests.Text;

/// <summary>Keeps the README's Vietnamese-text snippet compiling and true.</summary>
public sealed class ReadmeTextExampleTests
{
    [Fact]
    public void QuickLook_ConvertsLegacyEncodingsToNfc()
    {
        byte[] tcvn3Bytes = [0x56, 0x69, 0xD6, 0x74, 0x20, 0x4E, 0x61, 0x6D]; // "ViÖt Nam" as typed with an ABC (.VnTime) font

        // snippet: text-quick-look
        string fromTcvn3 = VietnameseTextConverter.Convert(tcvn3Bytes, VietnameseEncoding.Tcvn3);         // "Việt Nam"
        string fromVni = VietnameseTextConverter.Convert("Vieät Nam", VietnameseEncoding.Vni);            // "Việt Nam"
        string repaired = VietnameseTextConverter.Convert("Viá»‡t Nam", VietnameseEncoding.Utf8Mojibake); // "Việt Nam"
        var guess = LegacyEncodingDetector.Detect("Tieáng Vieät");                                         // Vni
        string nfc = VietnameseText.Normalize("Nghe\u0323\u0302 An");                                       // "Nghệ An" (NFC)
        // end snippet

        Assert.Equal("Việt Nam", fromTcvn3);
        Assert.Equal("Việt Nam", fromVni);
        Assert.Equal("Việt Nam", repaired);
        Assert.Equal(VietnameseEncoding.Vni, guess.Encoding);
        Assert.Equal("Nghệ An", nfc);
        Assert.True(nfc.IsNormalized());
    }
}
