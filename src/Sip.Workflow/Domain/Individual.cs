using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// The individual the plan is for (<i>den enskilde / individen</i>), as far as the SIP process needs to know:
/// an opaque reference to the host's record and the flags that change how the process is run.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Individual
{
    /// <summary>The host's opaque reference to the individual.</summary>
    public required SubjectReference Reference
    {
        get;
        init => field = Check.NotNull(value, nameof(Reference));
    }

    /// <summary>
    /// The individual has a protected identity (<i>skyddad identitet / skyddade personuppgifter</i>): their address must
    /// never appear in a summons, an export or a log.
    /// </summary>
    public bool HasProtectedIdentity { get; init; }

    /// <summary>
    /// The language an interpreter (<i>tolk</i>) is needed for, or <see langword="null"/> when none is needed.
    /// A summons flags the need.
    /// </summary>
    public string? InterpreterLanguage
    {
        get;
        init => field = Check.OptionalText(value, nameof(InterpreterLanguage), SipLimits.NameMaxLength);
    }

    /// <summary>
    /// The individual was a child (under 18) when the case was opened: the legal guardians consent for them
    /// (föräldrabalken 6 kap. 11 §) until they come of age (<see cref="ComesOfAgeOn"/>; see <see cref="SipCase.IsChildOn"/>).
    /// </summary>
    public bool IsChild { get; init; }

    /// <summary>
    /// The year and month of birth, if the host gives it (never the day, never a personal identity number): tells the
    /// library when guardianship ends (föräldrabalken 6 kap. 2 §) and whether a child has the age to consent themself.
    /// </summary>
    public SipYearMonth? BirthYearMonth { get; init; }

    /// <summary>
    /// The day a child comes (or came) of age, when the host records it (<see cref="ChangeIndividual.ComingOfAge"/>): it
    /// replaces the estimate from <see cref="BirthYearMonth"/>. Set by the engine; <see cref="OpenCase"/> refuses an
    /// individual that carries it (from JSON, say).
    /// </summary>
    [JsonInclude]
    public DateOnly? ComingOfAge { get; internal init; }

    /// <summary>
    /// The day a child comes of age and the guardians' consents lapse: the recorded day, else the first day of the month
    /// of the 18th birthday — the earliest it can be, so that a guardian's consent never outlives guardianship;
    /// <see langword="null"/> for an adult or when neither is known.
    /// </summary>
    [JsonIgnore]
    public DateOnly? ComesOfAgeOn => !IsChild ? null : ComingOfAge ?? BirthYearMonth?.FirstDay.AddYears(18);

    /// <summary>
    /// Whether the individual has certainly reached <paramref name="age"/> on <paramref name="date"/>: counted from the
    /// last day of the birth month, so that an unknown day never makes a child older than they are. False when the
    /// birth year-month is unknown.
    /// </summary>
    /// <param name="age">The age in years.</param>
    /// <param name="date">The day.</param>
    public bool HasReachedAgeOn(int age, DateOnly date) => BirthYearMonth is { } born && date >= born.LastDay.AddYears(age);

    /// <summary>
    /// The host's opaque references to a child's legal guardians (<i>vårdnadshavare</i>): one or two; none for an adult.
    /// With two, both must consent (föräldrabalken 6 kap. 13 §), and a guardian's consent must name one of these.
    /// Compared without regard to case or surrounding white space; never a personal identity number.
    /// </summary>
    public IReadOnlyList<string> LegalGuardians
    {
        get;
        init
        {
            var guardians = Check.TextList(value, nameof(LegalGuardians), 2, SipLimits.NameMaxLength, multiline: false);

            if (!Check.IsTrusted && guardians.Select(GuardianKey).Distinct(StringComparer.Ordinal).Count() != guardians.Count)
            {
                throw new ArgumentException($"'{nameof(LegalGuardians)}' names the same guardian twice.", nameof(LegalGuardians));
            }

            field = guardians;
        }
    } = SipList<string>.Empty;

    /// <summary>How many legal guardians the child has: 0, 1 or 2.</summary>
    [JsonIgnore]
    public int LegalGuardianCount => LegalGuardians.Count;

    /// <summary>Whether <paramref name="reference"/> names one of <see cref="LegalGuardians"/>.</summary>
    /// <param name="reference">A guardian reference.</param>
    public bool IsLegalGuardian(string? reference)
        => reference is not null && LegalGuardians.Any(g => string.Equals(GuardianKey(g), GuardianKey(reference), StringComparison.Ordinal));

    internal static string GuardianKey(string reference) => reference.Trim().ToUpperInvariant();

    /// <summary>Shows the flags only: never the reference, the guardians or the interpreter language.</summary>
    public override string ToString() => $"Individual (child: {IsChild}, guardians: {LegalGuardianCount})";

    /// <summary>Checks the combination of flags that single properties cannot check alone.</summary>
    /// <exception cref="ArgumentException">A child without guardians, or an adult with guardians, or a birth month that contradicts the flags.</exception>
    internal Individual Validated(string paramName, DateOnly today)
    {
        if (BirthYearMonth is { } born)
        {
            if (born > SipYearMonth.Of(today))
            {
                throw new ArgumentException($"'{paramName}.{nameof(BirthYearMonth)}' lies in the future.", $"{paramName}.{nameof(BirthYearMonth)}");
            }

            // Only what the month proves is refused: in the month of the 18th birthday either flag may be right.
            if (IsChild && today > born.LastDay.AddYears(18))
            {
                throw new ArgumentException(
                    $"'{paramName}' is marked a child, but by {nameof(BirthYearMonth)} they are 18 or older; an adult consents themself (leave IsChild false).",
                    paramName);
            }

            if (!IsChild && today < born.FirstDay.AddYears(18))
            {
                throw new ArgumentException(
                    $"'{paramName}' is marked an adult, but by {nameof(BirthYearMonth)} they are under 18; a child is opened with IsChild and the legal guardians.",
                    paramName);
            }
        }

        if (IsChild && LegalGuardianCount == 0)
        {
            throw new ArgumentException(
                $"'{paramName}' is a child with no legal guardian; name the one or two guardians in LegalGuardians (they consent for a child).",
                paramName);
        }

        if (!IsChild && LegalGuardianCount != 0)
        {
            throw new ArgumentException(
                $"'{paramName}' is an adult with {LegalGuardianCount} legal guardian(s); LegalGuardians applies to children only " +
                "(an adult's representative is a proxy: ConsentGiver.Proxy).",
                paramName);
        }

        return this;
    }
}
