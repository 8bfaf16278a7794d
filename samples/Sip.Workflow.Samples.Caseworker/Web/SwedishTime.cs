using System.Globalization;

namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>
/// Times as a Swedish caseworker reads and types them: Swedish local time (CET/CEST). The library works in instants
/// (<see cref="DateTimeOffset"/>) and decides Swedish calendar days itself; the UI only converts at its edges.
/// </summary>
internal static class SwedishTime
{
    // The time-zone database is on every supported host (eng/test.sh installs Debian's tzdata when it is missing).
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    /// <summary>The value of a <c>datetime-local</c> input: minutes, local time.</summary>
    public static string InputValue(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Shown to the caseworker, e.g. <c>2026-11-03 14:30</c> (the Swedish standard form, also read in English).</summary>
    public static string Display(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string DisplayDate(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The instant of a Swedish local time: <paramref name="days"/> after the Swedish day of <paramref name="instant"/>, at the time given.</summary>
    public static DateTimeOffset At(DateTimeOffset instant, int days, int hour, int minute = 0)
    {
        var local = Local(instant).Date.AddDays(days).AddHours(hour).AddMinutes(minute);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>
    /// Reads a <c>datetime-local</c> value as Swedish local time. False for text that is not a time, and for a local time
    /// the clocks skip in spring (02:00–03:00 on the last Sunday of March does not exist).
    /// </summary>
    public static bool TryParse(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateTime.TryParseExact(value?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || Zone.IsInvalidTime(local))
        {
            return false;
        }

        // In the autumn hour that occurs twice, the earlier (summer-time) reading is taken.
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        instant = new DateTimeOffset(local, offset);
        return true;
    }
}
