using CsCheck;
using EDoc.Numbering;

namespace EDoc.Abstractions.Tests.Numbering;

public sealed class DocumentNumberTests
{
    [Theory]
    [InlineData(1, "01")]
    [InlineData(9, "09")]
    [InlineData(10, "10")]
    [InlineData(123, "123")]
    [InlineData(int.MaxValue, "2147483647")]
    public void ToString_BelowTen_IsZeroPadded(int value, string expected)
    {
        var number = new DocumentNumber(value);

        Assert.Equal(expected, number.ToString());
        Span<char> buffer = stackalloc char[16];
        Assert.True(number.TryFormat(buffer, out var written, default, null));
        Assert.Equal(expected, buffer[..written].ToString());
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("01", 1)]
    [InlineData("001", 1)]
    [InlineData("7816", 7816)]
    public void Parse_Digits_ReturnsValue(string text, int expected)
    {
        Assert.Equal(expected, DocumentNumber.Parse(text).Value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("0", "1 or more")]
    [InlineData("00", "1 or more")]
    [InlineData("-1", "digits")]
    [InlineData("1a", "digits")]
    [InlineData(" 1", "digits")]
    [InlineData("٣", "digits")]
    [InlineData("99999999999", "larger")]
    [InlineData("123456789012", "at most 11")]
    public void Parse_Invalid_ThrowsFormatException(string text, string fragment)
    {
        var ex = Assert.Throws<EDocFormatException>(() => DocumentNumber.Parse(text));

        Assert.Equal("DocumentNumber", ex.Subject);
        Assert.Contains(fragment, ex.Reason, StringComparison.Ordinal);
        Assert.False(DocumentNumber.TryParse(text, out _));
    }

    [Fact]
    public void BadArguments_TypedExceptions()
    {
        Assert.Throws<ArgumentNullException>(() => DocumentNumber.Parse(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentNumber(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentNumber(-5));
        Assert.Equal(string.Empty, default(DocumentNumber).ToString());
    }

    [Fact]
    public void Property_ParseOfFormat_IsIdentity()
    {
        Gen.Int[1, int.MaxValue].Sample(n =>
        {
            var number = new DocumentNumber(n);
            Assert.Equal(number, DocumentNumber.Parse(number.ToString()));
        });
    }

    [Fact]
    public void Property_FormatOfParse_IsIdentityForCanonicalText()
    {
        Gen.Int[1, int.MaxValue].Select(n => n < 10 ? "0" + n : n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Sample(text => Assert.Equal(text, DocumentNumber.Parse(text).ToString()));
    }

    [Fact]
    public void Comparison_OrdersByValue()
    {
        Assert.True(new DocumentNumber(9) < new DocumentNumber(10));
        Assert.True(new DocumentNumber(10) >= new DocumentNumber(10));
        Assert.Equal(new DocumentNumber(5), DocumentNumber.Parse("05"));
    }
}
