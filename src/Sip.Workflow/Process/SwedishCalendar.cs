namespace Sip.Workflow;

/// <summary>
/// The Swedish calendar the statutory deadlines are counted in: public holidays (lag (1989:253) om allmänna helgdagar)
/// and the days on which a statutory time limit may not end (lag (1930:173) om beräkning av lagstadgad tid, 2 §).
/// </summary>
/// <remarks>Computed, never read from the machine, so every host counts the same deadline the same way.</remarks>
public static class SwedishCalendar
{
    /// <summary>Whether <paramref name="date"/> is an allmän helgdag: a Sunday, or one of the holidays 1989:253 lists.</summary>
    /// <param name="date">The day.</param>
    public static bool IsPublicHoliday(DateOnly date)
    {
        if (date.DayOfWeek == DayOfWeek.Sunday)
        {
            return true;
        }

        var easter = EasterSunday(date.Year);
        return (date.Month, date.Day) switch
        {
            (1, 1) or (1, 6) or (5, 1) or (6, 6) or (12, 25) or (12, 26) => true,
            _ => date == easter.AddDays(-2) // långfredagen
                || date == easter.AddDays(1) // annandag påsk
                || date == easter.AddDays(39) // Kristi himmelsfärdsdag
                || IsMidsummerDay(date)
                || IsAllSaintsDay(date),
        };
    }

    /// <summary>
    /// Whether a statutory time limit may end on <paramref name="date"/>: not a Saturday, a public holiday, midsommarafton,
    /// julafton or nyårsafton (lag (1930:173) 2 §).
    /// </summary>
    /// <param name="date">The day.</param>
    public static bool IsWeekday(DateOnly date)
        => date.DayOfWeek != DayOfWeek.Saturday && !IsPublicHoliday(date)
            && !IsMidsummerDay(date.AddDays(1)) // midsommarafton
            && !(date.Month == 12 && date.Day is 24 or 31);

    /// <summary>The day a time limit ending on <paramref name="date"/> ends under lag (1930:173) 2 §: that day, or the next weekday.</summary>
    /// <param name="date">The last day as counted.</param>
    public static DateOnly LastDayOfTimeLimit(DateOnly date)
    {
        while (!IsWeekday(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>Easter Sunday (påskdagen) of <paramref name="year"/>, by the Gregorian computus.</summary>
    /// <param name="year">The year.</param>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    // Midsommardagen: the Saturday 20–26 June; alla helgons dag: the Saturday 31 October – 6 November.
    private static bool IsMidsummerDay(DateOnly date) => date is { Month: 6, Day: >= 20 and <= 26, DayOfWeek: DayOfWeek.Saturday };

    private static bool IsAllSaintsDay(DateOnly date)
        => date.DayOfWeek == DayOfWeek.Saturday && ((date.Month == 10 && date.Day == 31) || (date.Month == 11 && date.Day <= 6));
}
