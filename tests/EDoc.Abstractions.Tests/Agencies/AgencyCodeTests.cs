using CsCheck;
using EDoc.Agencies;

namespace EDoc.Abstractions.Tests.Agencies;

public sealed class AgencyCodeTests
{
    [Theory]
    [InlineData("000.00.00.H41", 1, null)]
    [InlineData("000.00.00.G22", 1, null)]
    [InlineData("000.00.13.H53", 2, "000.00.00.H53")]
    [InlineData("000.00.31.H53", 2, "000.00.00.H53")]
    [InlineData("000.21.31.H53", 3, "000.00.31.H53")]
    [InlineData("000.46.24.H44", 3, "000.00.24.H44")]
    [InlineData("001.01.07.H53", 4, "000.01.07.H53")]
    public void Parse_RealDirectoryCodes_LevelAndParentReadRightToLeft(string text, int level, string? parent)
    {
        var code = AgencyCode.Parse(text);

        Assert.Equal(text, code.Value);
        Assert.Equal(text, code.ToString());
        Assert.Equal(level, code.Level);
        Assert.Equal(parent, code.Parent?.Value);
        Assert.True(code.IsStandard);
    }

    [Fact]
    public void Root_LevelFourCode_WalksUpToLevelOne()
    {
        var code = AgencyCode.Parse("001.01.07.H53");

        Assert.Equal("000.00.00.H53", code.Root.Value);
        Assert.Equal("H53", code.LevelOneGroup);
        Assert.True(AgencyCode.Parse("000.00.00.H53").IsAncestorOf(code));
        Assert.False(AgencyCode.Parse("000.00.00.H53").IsParentOf(code));
        Assert.True(AgencyCode.Parse("000.01.07.H53").IsParentOf(code));
        Assert.False(code.IsAncestorOf(code));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("000.00.00", "4 groups")]
    [InlineData("000.00.00.H41.1", "4 groups")]
    [InlineData("00.00.00.H41", "group 1")]
    [InlineData("000.0A.00.H41", "group 2")]
    [InlineData("000.00.000.H41", "group 3")]
    [InlineData("000.00.00.h41", "group 4")]
    [InlineData("000.00.00.H4", "group 4")]
    [InlineData("000.00.00.41H", "group 4")]
    [InlineData(" 000.00.00.H41", "group 1")]
    [InlineData("999.010.01.H22", "group 2")]
    [InlineData("٠٠٠.00.00.H41", "group 1")]
    [InlineData("000.00.00.H41000000000000000000000000000", "characters")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingInputAndProblem(string text, string expectedFragment)
    {
        var ex = Assert.Throws<EDocFormatException>(() => AgencyCode.Parse(text));

        Assert.Equal("AgencyCode", ex.Subject);
        Assert.Contains(expectedFragment, ex.Reason, StringComparison.Ordinal);
        Assert.Contains($"'{(text.Length > 40 ? text[..40] : text)}", ex.Message, StringComparison.Ordinal);
        Assert.False(AgencyCode.TryParse(text, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Parse_ControlCharactersInInput_EscapedInMessage()
    {
        var ex = Assert.Throws<EDocFormatException>(() => AgencyCode.Parse("000.00.00.H41\r\nINJECTED"));

        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains("\\u000D\\u000A", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => AgencyCode.Parse(null!));
        Assert.False(AgencyCode.TryParse(null, out _));
    }

    [Theory]
    [InlineData("999.010.01.H22", "999.010.01.H22", 4, false)]
    [InlineData(" 000.00.00.H41 ", "000.00.00.H41", 1, true)]
    [InlineData("000.00.00.h41", "000.00.00.H41", 1, false)]
    [InlineData("1.2.3.W0", "1.2.3.W0", 4, false)]
    public void Parse_LenientMode_AcceptsTestCodesWithWarningFlag(string text, string value, int level, bool standard)
    {
        var code = AgencyCode.Parse(text, AgencyCodeParseMode.Lenient);

        Assert.Equal(value, code.Value);
        Assert.Equal(level, code.Level);
        Assert.Equal(standard, code.IsStandard);
    }

    [Fact]
    public void Parent_LenientCode_KeepsGroupWidths()
    {
        var code = AgencyCode.Parse("999.010.01.H22", AgencyCodeParseMode.Lenient);

        Assert.Equal("000.010.01.H22", code.Parent!.Value);
        Assert.Equal("000.000.01.H22", code.Parent!.Parent!.Value);
    }

    [Fact]
    public void Equality_SameText_EqualAndSameHash()
    {
        var a = AgencyCode.Parse("000.00.00.H41");
        var b = AgencyCode.Parse("000.00.00.H41".AsSpan());

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, AgencyCode.Parse("000.00.00.H14"));
    }

    [Fact]
    public void CompareTo_ParentSortsBeforeChildrenAndSiblingsNumerically()
    {
        var codes = new[] { "000.46.24.H44", "000.00.00.H44", "000.00.24.H44", "000.00.00.G22", "000.00.03.H44" }
            .Select(AgencyCode.Parse).ToList();

        codes.Sort();

        Assert.Equal(["000.00.00.G22", "000.00.00.H44", "000.00.03.H44", "000.00.24.H44", "000.46.24.H44"], codes.Select(c => c.Value));
        Assert.True(AgencyCode.Parse("000.00.00.H44") < AgencyCode.Parse("000.00.24.H44"));
    }

    [Fact]
    public void IParsable_GenericParse_Works()
    {
        static T ParseAny<T>(string s) where T : IParsable<T> => T.Parse(s, null);

        Assert.Equal(3, ParseAny<AgencyCode>("000.21.31.H53").Level);
    }

    private static readonly Gen<AgencyCode> StandardCodes =
        Gen.Select(Gen.Int[0, 999], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Char['A', 'Z'], Gen.Int[0, 99],
            (a, b, c, letter, d) => AgencyCode.Parse($"{a:000}.{b:00}.{c:00}.{letter}{d:00}"));

    [Fact]
    public void Property_ParseOfFormat_IsIdentity()
    {
        StandardCodes.Sample(code =>
        {
            var again = AgencyCode.Parse(code.ToString());
            Assert.Equal(code, again);
            Assert.Equal(code.Level, again.Level);
        });
    }

    [Fact]
    public void Property_FormatOfParse_IsIdentityForCanonicalText()
    {
        Gen.Select(Gen.Int[0, 999], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Char['A', 'Z'], Gen.Int[0, 99],
                (a, b, c, letter, d) => $"{a:000}.{b:00}.{c:00}.{letter}{d:00}")
            .Sample(text => Assert.Equal(text, AgencyCode.Parse(text).ToString()));
    }

    [Fact]
    public void Property_ParentIsOneLevelUpAndParentOfChild()
    {
        StandardCodes.Where(c => c.Level > 1).Sample(code =>
        {
            var parent = code.Parent!;
            Assert.True(parent.Level < code.Level);
            Assert.True(parent.IsParentOf(code));
            Assert.True(parent < code);
            Assert.Equal(code.LevelOneGroup, parent.LevelOneGroup);
        });
    }

    [Fact]
    public void Property_RandomText_NeverThrowsFromTryParse()
    {
        Gen.String.Sample(text =>
        {
            if (AgencyCode.TryParse(text, AgencyCodeParseMode.Lenient, out var code))
            {
                Assert.Equal(code, AgencyCode.Parse(code.Value, AgencyCodeParseMode.Lenient));
            }
        });
    }
}
