using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sip.Workflow;

/// <summary>
/// A year and month, written <c>yyyy-MM</c>: how the library holds an individual's birth (never the day, never a
/// personal identity number), which is enough to know when guardianship ends at 18.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
[JsonConverter(typeof(SipYearMonthJsonConverter))]
public readonly record struct SipYearMonth : IComparable<SipYearMonth>, IParsable<SipYearMonth>
{
    /// <summary>Creates a year-month.</summary>
    /// <param name="year">The year, 1900 to 9999.</param>
    /// <param name="month">The month, 1 to 12.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="year"/> or <paramref name="month"/> is out of range.</exception>
    public SipYearMonth(int year, int month)
    {
        if (year is < 1900 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"'{nameof(year)}' is {year}; it must be between 1900 and 9999.");
        }

        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, $"'{nameof(month)}' is {month}; it must be between 1 and 12.");
        }

        Year = year;
        Month = month;
    }

    /// <summary>The year.</summary>
    public int Year { get; }

    /// <summary>The month, 1 to 12.</summary>
    public int Month { get; }

    /// <summary>The first day of the month.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The last day of the month.</summary>
    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));

    /// <summary>The year-month of <paramref name="date"/>.</summary>
    /// <param name="date">A date.</param>
    public static SipYearMonth Of(DateOnly date) => new(date.Year, date.Month);

    /// <inheritdoc />
    public int CompareTo(SipYearMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    /// <summary>Whether <paramref name="left"/> is earlier than <paramref name="right"/>.</summary>
    /// <param name="left">A year-month.</param>
    /// <param name="right">Another.</param>
    public static bool operator <(SipYearMonth left, SipYearMonth right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is later than <paramref name="right"/>.</summary>
    /// <param name="left">A year-month.</param>
    /// <param name="right">Another.</param>
    public static bool operator >(SipYearMonth left, SipYearMonth right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is not later than <paramref name="right"/>.</summary>
    /// <param name="left">A year-month.</param>
    /// <param name="right">Another.</param>
    public static bool operator <=(SipYearMonth left, SipYearMonth right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is not earlier than <paramref name="right"/>.</summary>
    /// <param name="left">A year-month.</param>
    /// <param name="right">Another.</param>
    public static bool operator >=(SipYearMonth left, SipYearMonth right) => left.CompareTo(right) >= 0;

    /// <summary>Parses <c>yyyy-MM</c>.</summary>
    /// <param name="s">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="s"/> is not a year-month written <c>yyyy-MM</c>.</exception>
    public static SipYearMonth Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var result)
            ? result
            : throw new FormatException("The text is not a year and month written yyyy-MM (for example 2011-04).");
    }

    /// <summary>Parses <c>yyyy-MM</c>.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The year-month, when parsed.</param>
    /// <returns>Whether <paramref name="s"/> was a year-month.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out SipYearMonth result)
    {
        result = default;
        if (s is not { Length: 7 } || s[4] != '-'
            || !int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 1900 || month is < 1 or > 12)
        {
            return false;
        }

        result = new SipYearMonth(year, month);
        return true;
    }

    /// <inheritdoc cref="Parse(string)"/>
    static SipYearMonth IParsable<SipYearMonth>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc cref="TryParse(string?, out SipYearMonth)"/>
    static bool IParsable<SipYearMonth>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SipYearMonth result) => TryParse(s, out result);

    /// <summary>The year-month written <c>yyyy-MM</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");
}

/// <summary>Writes a year-month as <c>"yyyy-MM"</c>.</summary>
internal sealed class SipYearMonthJsonConverter : JsonConverter<SipYearMonth>
{
    public override SipYearMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => SipYearMonth.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException("A year-month must be written \"yyyy-MM\".");

    public override void Write(Utf8JsonWriter writer, SipYearMonth value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToString());
}
