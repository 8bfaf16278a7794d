using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Changes the individual's protected-identity and interpreter flags, and records a child's birth year-month or the day
/// they come of age. The individual's reference and legal guardians never change on a case.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ChangeIndividual : SipCaseCommand
{
    /// <summary>The individual has a protected identity.</summary>
    public required bool HasProtectedIdentity { get; init; }

    /// <summary>The language an interpreter is needed for; <see langword="null"/> when none is.</summary>
    public string? InterpreterLanguage
    {
        get;
        init => field = Check.OptionalText(value, nameof(InterpreterLanguage), SipLimits.NameMaxLength);
    }

    /// <summary>The year and month of birth, when it becomes known; <see langword="null"/> leaves it as it is.</summary>
    public SipYearMonth? BirthYearMonth { get; init; }

    /// <summary>
    /// The day a child comes (or came) of age, when the host knows it: the guardians' consents lapse that day
    /// (föräldrabalken 6 kap. 2 §) and the young adult's own consent is needed. Only for a child; with a known birth
    /// year-month, a day in the month of the 18th birthday. <see langword="null"/> leaves it as it is.
    /// </summary>
    public DateOnly? ComingOfAge { get; init; }

    internal override int LimitReservePercent => 5;

    internal override SipTrigger Trigger => SipTrigger.ChangeIndividual;

    internal override string EventType => SipEventTypes.IndividualChanged;

    // The details say that a birth month or coming of age was recorded, never which: either reveals the birth date.
    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var individual = current.Individual with
        {
            HasProtectedIdentity = HasProtectedIdentity,
            InterpreterLanguage = InterpreterLanguage,
            BirthYearMonth = BirthYearMonth ?? current.Individual.BirthYearMonth,
            ComingOfAge = ComingOfAge ?? current.Individual.ComingOfAge,
        };

        // The flags were right on the day the case was opened; a child who has come of age since is still opened as a child.
        var opened = SipLegalReferences.SwedishDateOf(current.OpenedAt);
        individual.Validated(nameof(BirthYearMonth), opened);
        if (ComingOfAge is not null && !individual.IsChild)
        {
            throw new ArgumentException(
                $"'{nameof(ComingOfAge)}' is for a child; the individual was an adult when the case was opened.", nameof(ComingOfAge));
        }

        // The stored pair is checked whichever member this command changes, so neither can carry guardianship past 18.
        if (individual.ComingOfAge is { } day)
        {
            var param = ComingOfAge is null ? nameof(BirthYearMonth) : nameof(ComingOfAge);
            if (individual.BirthYearMonth is { } born && SipYearMonth.Of(day) != SipYearMonth.Of(born.FirstDay.AddYears(18)))
            {
                throw new ArgumentException(
                    $"'{nameof(ComingOfAge)}' does not fall in the month of the 18th birthday by {nameof(BirthYearMonth)}.", param);
            }

            if (day <= opened || day > opened.AddYears(18))
            {
                throw new ArgumentException(
                    $"'{nameof(ComingOfAge)}' must fall after the day the case was opened, when the individual was a child, and at most 18 years after it.", param);
            }
        }

        // Once the individual has come of age, no change may move the day later: that would revive the guardians' consents.
        var today = SipLegalReferences.SwedishDateOf(context.Now);
        var staged = current with { Individual = individual };
        if (current.ComesOfAgeOn is { } before && before <= today && staged.ComesOfAgeOn > before)
        {
            throw new ArgumentException(
                "The individual has already come of age by what the case holds; a change that moves the day later would revive the guardians' " +
                "lapsed consents, so it is refused. The young adult consents themself.", ComingOfAge is null ? nameof(BirthYearMonth) : nameof(ComingOfAge));
        }

        return new(staged,
            Details(("protectedIdentity", Flag(HasProtectedIdentity)), ("interpreterNeeded", Flag(InterpreterLanguage is not null)),
                ("birthYearMonthRecorded", BirthYearMonth is null ? null : Flag(true)),
                ("comingOfAgeRecorded", ComingOfAge is null ? null : Flag(true))));
    }
}
