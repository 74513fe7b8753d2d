using EDoc.Registers.Calendar;

namespace EDoc.Registers.Tests.Calendar;

public class GovernmentSchedulesTests
{
    [Fact]
    public void GetEmbeddedAdjustments_Covers2025And2026_WithNamesAndSources()
    {
        var adjustments = GovernmentSchedules.GetEmbeddedAdjustments();

        Assert.Contains(adjustments, a => a.Date.Year == 2025);
        Assert.Contains(adjustments, a => a.Date.Year == 2026);
        Assert.All(adjustments, a => Assert.False(string.IsNullOrWhiteSpace(a.Name)));
        Assert.All(adjustments, a => Assert.False(string.IsNullOrWhiteSpace(a.Source)));
        Assert.All(
            adjustments.Where(a => a.Kind == ScheduleAdjustmentKind.WorkingDay && a.Date.DayOfWeek is DayOfWeek.Saturday),
            a => Assert.Contains(adjustments, b => b.Kind == ScheduleAdjustmentKind.DayOff && b.Name.Contains(a.Date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
    }

    [Fact]
    public void GetEmbeddedAdjustments_ReturnsCopies()
    {
        GovernmentSchedules.GetEmbeddedAdjustments()[0].Name = "changed";

        Assert.NotEqual("changed", GovernmentSchedules.GetEmbeddedAdjustments()[0].Name);
    }

    [Fact]
    public void ParseJson_ObjectAndArrayForms_ReadAdjustments()
    {
        const string json = """
            { "adjustments": [
              { "date": "2027-05-03", "kind": "DayOff", "name": "Nghỉ hoán đổi", "source": "test" },
              { "date": "2027-05-08", "kind": "WorkingDay", "name": "Làm bù" },
            ] }
            """;

        var fromObject = GovernmentSchedules.ParseJson(json);
        var fromArray = GovernmentSchedules.ParseJson("""[ { "date": "2027-05-03", "kind": "dayOff", "name": "X" } ]""");

        Assert.Equal(2, fromObject.Count);
        Assert.Equal(new DateOnly(2027, 5, 8), fromObject[1].Date);
        Assert.Equal(ScheduleAdjustmentKind.WorkingDay, fromObject[1].Kind);
        Assert.Equal("Nghỉ hoán đổi", fromObject[0].Name);
        Assert.Equal(ScheduleAdjustmentKind.DayOff, Assert.Single(fromArray).Kind);
    }

    [Theory]
    [InlineData("not json", null)]
    [InlineData("""{ "other": [] }""", "$")]
    [InlineData("""{ "adjustments": 5 }""", "$.adjustments")]
    [InlineData("""[ { "kind": "DayOff", "name": "x" } ]""", "$.adjustments[0].date")]
    [InlineData("""[ { "date": "2027-01-04", "kind": "DayOff" } ]""", "$.adjustments[0].name")]
    [InlineData("""[ { "date": "2027-01-04", "kind": "Holiday", "name": "x" } ]""", null)]
    [InlineData("""[ { "date": "2027-01-04", "kind": 7, "name": "x" } ]""", "$.adjustments[0].kind")]
    [InlineData("""[ { "date": "04/01/2027", "kind": "DayOff", "name": "x" } ]""", null)]
    public void ParseJson_Invalid_ThrowsFormatExceptionNamingLocation(string json, string? location)
    {
        var ex = Assert.Throws<EDocFormatException>(() => GovernmentSchedules.ParseJson(json));

        Assert.Equal("ScheduleJson", ex.Subject);
        if (location is not null)
        {
            Assert.Equal(location, ex.Location);
        }
    }

    [Fact]
    public void ParseJson_TooLong_ThrowsLimitExceeded()
    {
        var json = new string(' ', GovernmentSchedules.MaxJsonLength + 1);

        Assert.Throws<EDocLimitExceededException>(() => GovernmentSchedules.ParseJson(json));
    }
}
