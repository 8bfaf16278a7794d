namespace Sip.Workflow;

/// <summary>
/// The size limits every command and value object enforces. Input beyond them is refused with an
/// <see cref="ArgumentException"/> naming the argument; nothing is stored.
/// </summary>
/// <remarks>
/// Limits exist so a journal system can always display and store what the library hands back, and so that a
/// mistaken or hostile call cannot grow a case without bound.
/// </remarks>
public static class SipLimits
{
    /// <summary>Maximum length of the host's opaque reference to the individual: 128 characters.</summary>
    public static int SubjectReferenceMaxLength { get; } = 128;

    /// <summary>Maximum length of names and identifiers (organisations, persons, user ids, roles, languages): 200 characters.</summary>
    public static int NameMaxLength { get; } = 200;

    /// <summary>Maximum length of short single-line texts (place, when, where, contact details): 500 characters.</summary>
    public static int ShortTextMaxLength { get; } = 500;

    /// <summary>Maximum length of free text (goals, interventions, questions, notes, the individual's own words): 4,000 characters.</summary>
    public static int LongTextMaxLength { get; } = 4000;

    /// <summary>Maximum number of items in one list of a case (participants, goals, interventions, questions, consents …): 200.</summary>
    public static int MaxItems { get; } = 200;

    /// <summary>
    /// How far back the time of something recorded (a consent, a withdrawal, a follow-up held, a ready-for-discharge
    /// notice) may lie: 730 days. Older dates are almost always typing errors.
    /// </summary>
    public static readonly TimeSpan RecordedWithin = TimeSpan.FromDays(730);

    /// <summary>How far ahead a meeting or a follow-up may be booked: 730 days.</summary>
    public static readonly TimeSpan BookedWithin = TimeSpan.FromDays(730);

    /// <summary>The earliest date the library accepts: 1900-01-01 UTC.</summary>
    public static readonly DateTimeOffset EarliestMoment = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest date the library accepts: 2200-12-31 UTC.</summary>
    public static readonly DateTimeOffset LatestMoment = new(2200, 12, 31, 0, 0, 0, TimeSpan.Zero);
}
