using EDoc.Time;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Abstractions.Tests.Time;

public sealed class VietnamTimeTests
{
    [Fact]
    public void Offset_IsPlusSevenHours()
    {
        Assert.Equal(TimeSpan.FromHours(7), VietnamTime.Offset);
        Assert.Equal(TimeSpan.FromHours(7), VietnamTime.TimeZone.BaseUtcOffset);
        // No daylight saving time in the modern era (the tz database keeps historical rules from before 1976).
        for (var month = 1; month <= 12; month++)
        {
            Assert.Equal(TimeSpan.FromHours(7), VietnamTime.TimeZone.GetUtcOffset(new DateTime(2026, month, 15, 0, 0, 0, DateTimeKind.Utc)));
        }
    }

    [Fact]
    public void Today_YearRollsOverAt1700UtcOn31December()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 16, 59, 59, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2025, 12, 31), VietnamTime.Today(time));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new DateOnly(2026, 1, 1), VietnamTime.Today(time));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)), VietnamTime.Now(time));
        Assert.Equal(TimeSpan.FromHours(7), VietnamTime.Now(time).Offset);
    }

    [Fact]
    public void ToIso8601_AnyOffset_WrittenInVietnamTime()
    {
        var utc = new DateTimeOffset(2026, 11, 24, 2, 30, 0, TimeSpan.Zero);
        var paris = new DateTimeOffset(2026, 11, 24, 3, 30, 0, TimeSpan.FromHours(1));

        Assert.Equal("2026-11-24T09:30:00+07:00", VietnamTime.ToIso8601(utc));
        Assert.Equal("2026-11-24T09:30:00+07:00", VietnamTime.ToIso8601(paris));
    }

    [Fact]
    public void StartOfDay_IsMidnightPlusSeven()
    {
        var start = VietnamTime.StartOfDay(new DateOnly(2026, 1, 1));

        Assert.Equal(new DateTimeOffset(2025, 12, 31, 17, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(TimeSpan.FromHours(7), start.Offset);
    }

    [Fact]
    public void Now_NullProvider_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => VietnamTime.Now(null!));
    }
}
