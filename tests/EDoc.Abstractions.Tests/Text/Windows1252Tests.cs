using EDoc.Text.Internal;

namespace EDoc.Abstractions.Tests.Text;

public class Windows1252Tests
{
    [Fact]
    public void ToChar_EveryByte_MatchesDotNetCodePage()
    {
        for (var b = 0; b < 256; b++)
        {
            var expected = TestEncodings.Windows1252.GetString([(byte)b]);

            Assert.Equal(expected, Windows1252.ToChar((byte)b).ToString());
            Assert.True(Windows1252.TryGetByte(expected[0], out var back));
            Assert.Equal((byte)b, back);
        }
    }

    [Fact]
    public void TryGetByte_CharacterOutsideCodePage_ReturnsFalse()
    {
        Assert.False(Windows1252.TryGetByte('ệ', out _));
    }
}
