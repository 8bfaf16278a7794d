namespace Sip.Workflow.Tests.Discharge;

/// <summary>The calendar statutory time limits are counted in: lag (1989:253) om allmänna helgdagar and lag (1930:173) 2 §.</summary>
public sealed class SwedishCalendarTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void Easter_falls_where_the_almanac_has_it(int year, int month, int day)
        => SwedishCalendar.EasterSunday(year).Should().Be(new DateOnly(year, month, day));

    [Theory]
    [InlineData("2026-01-01")] // nyårsdagen
    [InlineData("2026-01-06")] // trettondedag jul
    [InlineData("2026-04-03")] // långfredagen
    [InlineData("2026-04-06")] // annandag påsk
    [InlineData("2026-05-01")] // första maj
    [InlineData("2026-05-14")] // Kristi himmelsfärdsdag
    [InlineData("2026-06-06")] // nationaldagen (a Saturday in 2026)
    [InlineData("2026-06-20")] // midsommardagen
    [InlineData("2026-10-31")] // alla helgons dag
    [InlineData("2026-12-25")]
    [InlineData("2026-12-26")]
    [InlineData("2026-03-08")] // any Sunday
    public void Public_holidays_are_holidays(string date) => SwedishCalendar.IsPublicHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Should().BeTrue();

    [Theory]
    [InlineData("2026-05-25", true)] // annandag pingst is no longer a holiday (since 2005)
    [InlineData("2026-06-19", false)] // midsommarafton
    [InlineData("2026-12-24", false)] // julafton
    [InlineData("2026-12-31", false)] // nyårsafton
    [InlineData("2026-03-07", false)] // a Saturday
    [InlineData("2026-03-09", true)]
    public void A_time_limit_may_end_only_on_a_weekday(string date, bool weekday)
        => SwedishCalendar.IsWeekday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(weekday);

    [Fact]
    public void A_limit_ending_on_christmas_eve_ends_after_the_holidays()
        => SwedishCalendar.LastDayOfTimeLimit(new DateOnly(2026, 12, 24)).Should().Be(new DateOnly(2026, 12, 28));
}
