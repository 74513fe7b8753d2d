using System.Text.Json;
using EDoc.Agencies;
using EDoc.Documents;
using EDoc.Numbering;

namespace EDoc.Abstractions.Tests.Documents;

public sealed class JsonSerializationTests
{
    [Fact]
    public void ElectronicDocument_RoundTripsThroughJson()
    {
        var original = TestDocuments.OfficialLetter() with
        {
            Recipients = [Agency.Create("000.00.00.G22", "Văn phòng Chính phủ") with { ElectronicIdentifier = ElectronicAgencyIdentifier.Parse("G22.01") }],
        };

        var json = JsonSerializer.Serialize(original);
        var copy = JsonSerializer.Deserialize<ElectronicDocument>(json)!;

        Assert.Contains("\"Notation\":\"123/UBND-VX\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Code\":\"000.00.00.H41\"", json, StringComparison.Ordinal);
        Assert.Equal(original.Notation, copy.Notation);
        Assert.Equal(original.Sender, copy.Sender);
        Assert.Equal(original.Recipients[0], copy.Recipients[0]);
        Assert.Equal(original.Type, copy.Type);
        Assert.Equal(json, JsonSerializer.Serialize(copy));
        Assert.True(ElectronicDocumentValidator.Validate(copy).IsValid);
    }

    [Fact]
    public void DocumentNumber_JsonIsPaddedTextAndAcceptsNumbers()
    {
        Assert.Equal("\"08\"", JsonSerializer.Serialize(new DocumentNumber(8)));
        Assert.Equal(8, JsonSerializer.Deserialize<DocumentNumber>("\"08\"").Value);
        Assert.Equal(8, JsonSerializer.Deserialize<DocumentNumber>("8").Value);
    }

    [Fact]
    public void NonStandardAgencyCode_RoundTripsWithFlag()
    {
        var code = AgencyCode.Parse("999.010.01.H22", AgencyCodeParseMode.Lenient);

        var copy = JsonSerializer.Deserialize<AgencyCode>(JsonSerializer.Serialize(code))!;

        Assert.Equal(code, copy);
        Assert.False(copy.IsStandard);
    }

    [Theory]
    [InlineData("\"H41\"")]
    [InlineData("41")]
    [InlineData("{}")]
    public void MalformedValue_ThrowsJsonException(string json)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AgencyCode>(json));

        if (json.StartsWith('"'))
        {
            Assert.IsType<EDocFormatException>(ex.InnerException);
        }

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DocumentNotation>("\"15\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DocumentNumber>("0"));
    }
}
