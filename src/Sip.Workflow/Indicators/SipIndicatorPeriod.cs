using System.Text.Json.Serialization;

namespace Sip.Workflow;

/// <summary>The months a report covers, first to last, as Swedish calendar months.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public readonly record struct SipIndicatorPeriod
{
    /// <summary>The most months a period covers: ten years.</summary>
    public const int MaxMonths = 120;

    /// <summary>Creates the period <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    /// <param name="first">The first month.</param>
    /// <param name="last">The last month: not before <paramref name="first"/>, at most <see cref="MaxMonths"/> months on.</param>
    /// <exception cref="ArgumentException"><paramref name="last"/> is before <paramref name="first"/>, or the period is longer than <see cref="MaxMonths"/> months.</exception>
    [JsonConstructor]
    public SipIndicatorPeriod(SipYearMonth first, SipYearMonth last)
    {
        var months = ((last.Year - first.Year) * 12) + last.Month - first.Month + 1;
        if (months < 1)
        {
            throw new ArgumentException($"'{nameof(last)}' ({last}) is before '{nameof(first)}' ({first}); a period runs forward.", nameof(last));
        }

        if (months > MaxMonths)
        {
            throw new ArgumentException($"The period {first} to {last} covers {months} months; at most {MaxMonths} are allowed.", nameof(last));
        }

        First = first;
        Last = last;
    }

    /// <summary>The first month.</summary>
    public SipYearMonth First { get; }

    /// <summary>The last month.</summary>
    public SipYearMonth Last { get; }

    /// <summary>One month.</summary>
    /// <param name="month">The month.</param>
    /// <returns>The period of that month alone.</returns>
    public static SipIndicatorPeriod Month(SipYearMonth month) => new(month, month);

    /// <summary>Whether <paramref name="month"/> is in the period.</summary>
    /// <param name="month">The month.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Contains(SipYearMonth month) => month >= First && month <= Last;

    /// <summary>The period as <c>2026-01</c> or <c>2026-01..2026-03</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => First == Last ? First.ToString() : $"{First}..{Last}";
}
