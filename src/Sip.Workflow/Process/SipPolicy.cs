using System.Globalization;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>
/// The rules a region or municipality runs SIP under: deadlines, who is a called principal, and which requirements
/// beyond the law are in force. Law is always in force; a policy can only add to it.
/// </summary>
/// <remarks>
/// Start from a preset and adjust it with <c>with</c>:
/// <code>var policy = SipPolicy.RegionHalland with { Name = "Halland, Kungsbacka", StartWithin = TimeSpan.FromDays(3) };</code>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipPolicy
{
    /// <summary>The policy's name, stored on every case opened under it.</summary>
    /// <value>Required; 1 to 200 characters.</value>
    public required string Name { get; init; }

    /// <summary>
    /// How soon after the need is identified preparation must start: the law says "utan dröjsmål" (HSL 16 kap. 4 §; from
    /// 1 July 2025 socialtjänstlagen (2025:400) 10 kap. 8 §: "genast"), SKR "inom några dagar".
    /// </summary>
    /// <value>The default, and the longest a policy may set, is 5 days: a statutory deadline can only be shortened.</value>
    public TimeSpan StartWithin { get; init; } = LongestStartWithin;

    // The library's reading of "without delay"; a policy may shorten it, never lengthen it.
    private static readonly TimeSpan LongestStartWithin = TimeSpan.FromDays(5);

    /// <summary>How soon after consent the first SIP meeting must be held, or <see langword="null"/> when the policy sets no limit.</summary>
    /// <value>The default is no limit; Region Halland sets 30 days.</value>
    public TimeSpan? FirstMeetingWithin { get; init; }

    /// <summary>
    /// How soon after the ready-for-discharge notice the summons must be sent (4 kap. lagen (2017:612) om samverkan vid
    /// utskrivning från sluten hälso- och sjukvård: three days).
    /// </summary>
    /// <value>
    /// The default is 3 days, the legal maximum; a policy may only shorten it, in whole days. The days are calendar days
    /// in Sweden: the day of the notice is day zero and the summons is due by the end of the last day.
    /// </value>
    public TimeSpan DischargeSummonsWithin { get; init; } = TimeSpan.FromDays(3);

    /// <summary>
    /// A discharge summons deadline whose last day is a Saturday, Sunday, public holiday, midsommarafton, julafton or
    /// nyårsafton ends on the next weekday (2 § lagen (1930:173) om beräkning av lagstadgad tid).
    /// </summary>
    /// <value>The default is <see langword="true"/>: the act applies to time limits set by law.</value>
    public bool DeadlinesMoveToNextWeekday { get; init; } = true;

    /// <summary>
    /// Puts <see cref="SipRequirements.FollowUpAfterAdmission"/> in force: when a person with an established plan is admitted
    /// to inpatient care, the plan is followed up — revised, or closed and restarted with new consent (Västra Götaland).
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireFollowUpAfterAdmission { get; init; }

    /// <summary>
    /// How long after a plan is established (or revised) it must be followed up when no follow-up is booked, or
    /// <see langword="null"/> to watch booked follow-ups only. Follow-up always happens (VGR); this makes sure an
    /// unbooked one surfaces too.
    /// </summary>
    /// <value>The default is none.</value>
    public TimeSpan? FollowUpWithin { get; init; }

    /// <summary>
    /// Puts <see cref="SipRequirements.DeadlineClosingDocumented"/> in force: after closing, each principal that took part
    /// documents the closing (<see cref="DocumentClosing"/>), and until it has, the closed case is due work.
    /// </summary>
    /// <value>The default is <see langword="false"/>; Västra Götaland sets it.</value>
    public bool RequireClosingByEachPrincipal { get; init; }

    /// <summary>How long after closing each principal has to document it (<see cref="RequireClosingByEachPrincipal"/>).</summary>
    /// <value>The default is 7 days; longer than zero and at most 90 days. No source sets a number: the guideline says only that each principal documents it.</value>
    public TimeSpan ClosingDocumentedWithin { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How soon after the summons is sent every party is to have answered (<see cref="SipRequirements.DeadlineSummonsReplies"/>),
    /// or <see langword="null"/> for "before the meeting starts". The replies are never due later than the meeting's start.
    /// </summary>
    /// <value>The default is <see langword="null"/>; between 1 hour and 30 days when set.</value>
    public TimeSpan? SummonsReplyWithin { get; init; }

    /// <summary>
    /// How soon after the SIP meeting ends the plan is documented (<see cref="SipRequirements.DeadlinePlanDocumented"/>),
    /// so that a summoned case whose meeting has passed without a plan surfaces as due work.
    /// </summary>
    /// <value>The default is 7 days; longer than zero and at most 90 days. No source sets a number: the guidance has the plan made, and copies handed out, at the meeting.</value>
    public TimeSpan PlanDocumentedWithin { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How soon after a plan revision is established everyone taking part is to have a copy of it
    /// (<see cref="SipRequirements.DeadlinePlanDistributed"/>), or <see langword="null"/> not to watch the copies as due
    /// work (<see cref="SipCase.ParticipantsAwaitingPlanCopy"/> still says who lacks one).
    /// </summary>
    /// <value>
    /// The default is none, in every preset: no source sets a number (the guidance hands the copies out at the meeting), so
    /// a region that watches the copies says how long it allows. Longer than zero and at most 90 days when set.
    /// </value>
    public TimeSpan? PlanDistributedWithin { get; init; }

    /// <summary>
    /// How soon after a substantial change in the individual's situation is recorded the early follow-up is due
    /// (<see cref="SipRequirements.DeadlineEarlyFollowUp"/>).
    /// </summary>
    /// <value>The default is 14 days; longer than zero and at most 90 days. No source sets a number: Region Värmland says the parties are called before the booked follow-up.</value>
    public TimeSpan EarlyFollowUpWithin { get; init; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How soon after a follow-up is held the decision is due: revise, continue unchanged, or close
    /// (<see cref="SipRequirements.DeadlineFollowUpDecision"/>).
    /// </summary>
    /// <value>The default is 7 days; longer than zero and at most 90 days. No source sets a number; the decision is normally taken at the follow-up meeting.</value>
    public TimeSpan FollowUpDecisionWithin { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long after the booked follow-up date it counts as overdue.</summary>
    /// <value>The default is zero: overdue from the booked time.</value>
    public TimeSpan FollowUpGracePeriod { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// School (all school forms and student health) is a called principal, not an invited actor (Västra Götaland). Only
    /// a school the kommun runs: an independent school (<see cref="SchoolPrincipal.Independent"/>) is no party to an
    /// agreement between kommun and region and stays invited.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool SchoolIsCalledPrincipal { get; init; }

    /// <summary>
    /// Puts <see cref="SipRequirements.SummonsBothPrincipals"/> in force: a unit of both the kommun and the region is
    /// called. The statutes speak of a plan made by kommun and region together, so this is on by default; switch it off
    /// where the regional agreement uses SIP within one principal too (Norrbotten: "även … inom samma huvudman").
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RequireBothPrincipals { get; init; } = true;

    /// <summary>
    /// The age from which a child may consent themself, with a recorded assessment of the child's maturity (OSL 12 kap.
    /// 3 §: a child's secrecy may hold against the guardians, and a mature child decides over it), or
    /// <see langword="null"/> when only the guardians consent for a child. The age is a floor, not a presumption: the
    /// maturity assessment is required in every case, and the child's birth year-month must be known.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/> (off); between 1 and 17 when set. The law names no age (practice often
    /// looks from about 12 to 15), so the library leaves the floor to the policy and requires the assessment.
    /// </value>
    public int? ChildConsentFromAge { get; init; }

    /// <summary>
    /// Whether a god man or förvaltare (<see cref="ConsentGiver.CourtAppointedRepresentative"/>) may consent for an adult.
    /// Consent to lift secrecy is personal, and an appointment under föräldrabalken 11 kap. does not by itself carry it;
    /// switch this on only where the region's or kommun's legal advice holds that the appointment in question covers it.
    /// Without it, a god man or förvaltare takes part as an invited actor and the individual's own consent is needed.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool CourtAppointedRepresentativeMayConsent { get; init; }

    /// <summary>At discharge from inpatient care a SIP is always offered and the answer recorded (<see cref="SipRequirements.DischargeOffer"/>).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool AlwaysOfferAtDischarge { get; init; }

    /// <summary>Puts <see cref="SipRequirements.SummonsPurpose"/> in force.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireSummonsPurpose { get; init; }

    /// <summary>Puts <see cref="SipRequirements.SummonsLongTermGoal"/> in force.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireSummonsLongTermGoal { get; init; }

    /// <summary>Puts <see cref="SipRequirements.SummonsQuestions"/> in force.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireSummonsQuestions { get; init; }

    /// <summary>Puts <see cref="SipRequirements.PlanGoals"/> in force.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireGoals { get; init; }

    /// <summary>Puts <see cref="SipRequirements.PlanInterventionDetails"/> in force.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireInterventionDetails { get; init; }

    /// <summary>Puts <see cref="SipRequirements.PlanWhatMatters"/> in force.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireWhatMatters { get; init; }

    /// <summary>Puts <see cref="SipRequirements.PlanFollowUpBooked"/> in force.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireFollowUpBooked { get; init; }

    /// <summary>Puts <see cref="SipRequirements.PlanCoordinator"/> in force.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireCoordinator { get; init; }

    // The presets are handed out as fresh values: a record's init accessors are public setters to reflection, so a
    // configuration binder given a shared instance would change the preset for every engine in the process.

    /// <summary>The national minimum: the law and nothing more.</summary>
    /// <value>A new value on every read, equal to every other: no binding or reflection can change the preset itself.</value>
    public static SipPolicy NationalMinimum => new() { Name = "Nationell miniminivå (lag)" };

    /// <summary>
    /// The law plus the good practice every region builds on (SKR's support material, <see cref="RequirementSource.SectorGuidance"/>):
    /// goals, what matters to the individual, the follow-up booked before the meeting ends.
    /// </summary>
    /// <value>A new value on every read, equal to every other: no binding or reflection can change the preset itself.</value>
    public static SipPolicy NationalGuidance => NationalMinimum with
    {
        Name = "Nationell vägledning",
        RequireGoals = true,
        RequireWhatMatters = true,
        RequireFollowUpBooked = true,
    };

    /// <summary>Region Halland: national guidance, the first meeting within 30 days, a named coordinator (samordnare).</summary>
    /// <value>A new value on every read, equal to every other: no binding or reflection can change the preset itself.</value>
    public static SipPolicy RegionHalland => NationalGuidance with
    {
        Name = "Region Halland",
        FirstMeetingWithin = TimeSpan.FromDays(30),
        RequireCoordinator = true,
    };

    /// <summary>
    /// Västra Götaland (Riktlinje SIP): national guidance, school a called principal, SIP always offered at discharge,
    /// the summons' purpose, long-term goal and questions, who/what/when/where for every intervention.
    /// </summary>
    /// <value>A new value on every read, equal to every other: no binding or reflection can change the preset itself.</value>
    public static SipPolicy VastraGotaland => NationalGuidance with
    {
        Name = "Västra Götaland",
        SchoolIsCalledPrincipal = true,
        AlwaysOfferAtDischarge = true,
        RequireFollowUpAfterAdmission = true,
        RequireClosingByEachPrincipal = true,
        RequireSummonsPurpose = true,
        RequireSummonsLongTermGoal = true,
        RequireSummonsQuestions = true,
        RequireInterventionDetails = true,
    };

    /// <summary>The presets (fresh values), in the order of <see cref="PresetKeys"/>.</summary>
    public static IReadOnlyList<SipPolicy> Presets => [NationalMinimum, NationalGuidance, RegionHalland, VastraGotaland];

    /// <summary>
    /// The keys configuration names the presets by: <c>NationalMinimum</c>, <c>NationalGuidance</c>, <c>RegionHalland</c>,
    /// <c>VastraGotaland</c> (the properties' names, in ASCII so that they survive environment variables).
    /// </summary>
    public static IReadOnlyList<string> PresetKeys { get; } = [nameof(NationalMinimum), nameof(NationalGuidance), nameof(RegionHalland), nameof(VastraGotaland)];

    /// <summary>
    /// Finds a preset by its key (<see cref="PresetKeys"/>, any case) or by its <see cref="Name"/> (exactly), as a fresh value
    /// a caller may adjust with <c>with</c>.
    /// </summary>
    /// <param name="keyOrName">The key or name.</param>
    /// <param name="preset">The preset, when found.</param>
    /// <returns>Whether a preset has that key or name.</returns>
    public static bool TryGetPreset(string? keyOrName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SipPolicy? preset)
    {
        var presets = Presets;
        for (var i = 0; i < presets.Count; i++)
        {
            if (string.Equals(keyOrName, PresetKeys[i], StringComparison.OrdinalIgnoreCase) || string.Equals(keyOrName, presets[i].Name, StringComparison.Ordinal))
            {
                preset = presets[i];
                return true;
            }
        }

        preset = null;
        return false;
    }

    /// <summary>
    /// Whether <paramref name="requirement"/> is in force under this policy. Law always is, and so are
    /// <see cref="SipRequirements.SummonsMeetingScheduled"/> (a summons needs a meeting to summon to), the timing rules
    /// <see cref="SipRequirements.SummonsMeetingAhead"/> and <see cref="SipRequirements.PlanMeetingHeld"/> (a summons comes
    /// before its meeting, a plan made at a meeting cannot come before it) and the deadlines
    /// that keep every open state watched.
    /// </summary>
    /// <param name="requirement">The requirement.</param>
    public bool IsInForce(SipRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        return requirement.Code switch
        {
            "SUMMONS-PURPOSE" => RequireSummonsPurpose,
            "SUMMONS-LONG-TERM-GOAL" => RequireSummonsLongTermGoal,
            "SUMMONS-QUESTIONS" => RequireSummonsQuestions,
            "PLAN-GOALS" => RequireGoals,
            "PLAN-INTERVENTION-DETAILS" => RequireInterventionDetails,
            "PLAN-WHAT-MATTERS" => RequireWhatMatters,
            "PLAN-FOLLOW-UP-BOOKED" => RequireFollowUpBooked,
            "PLAN-COORDINATOR" => RequireCoordinator,
            "DISCHARGE-OFFER" => AlwaysOfferAtDischarge,
            "DEADLINE-FIRST-MEETING" => FirstMeetingWithin is not null,
            "SUMMONS-BOTH-PRINCIPALS" => RequireBothPrincipals,
            "DEADLINE-FOLLOW-UP-AFTER-ADMISSION" => RequireFollowUpAfterAdmission,
            "DEADLINE-CLOSING-DOCUMENTED" => RequireClosingByEachPrincipal,
            "DEADLINE-PLAN-DISTRIBUTED" => PlanDistributedWithin is not null,
            _ => true,
        };
    }

    /// <summary>Whether a participant of <paramref name="kind"/> is a called principal under this policy (a school counted as the kommun's).</summary>
    /// <param name="kind">The participant's kind.</param>
    public ParticipationRole RoleOf(ParticipantKind kind) => kind switch
    {
        ParticipantKind.SocialServices or ParticipantKind.RegionalHealthCare or ParticipantKind.MunicipalHealthCare => ParticipationRole.Called,
        ParticipantKind.School when SchoolIsCalledPrincipal => ParticipationRole.Called,
        _ => ParticipationRole.Invited,
    };

    /// <summary>Whether <paramref name="participant"/> is a called principal under this policy: as <see cref="RoleOf(ParticipantKind)"/>, an independent school invited.</summary>
    /// <param name="participant">The participant.</param>
    /// <exception cref="ArgumentNullException"><paramref name="participant"/> is <see langword="null"/>.</exception>
    public ParticipationRole RoleOf(Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return participant.Principal is null ? ParticipationRole.Invited : RoleOf(participant.Kind);
    }

    /// <summary>Lists every problem with this policy; empty when it is valid.</summary>
    /// <returns>One readable sentence per problem.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > SipLimits.NameMaxLength)
        {
            problems.Add($"Name must contain text of at most {SipLimits.NameMaxLength} characters.");
        }

        // A statutory deadline can only be shortened: "utan dröjsmål" (SoL 2025:400: "genast") is at most the national default.
        Positive(problems, nameof(StartWithin), StartWithin, LongestStartWithin);
        if (FirstMeetingWithin is { } first)
        {
            Positive(problems, nameof(FirstMeetingWithin), first, TimeSpan.FromDays(365));
        }

        Positive(problems, nameof(DischargeSummonsWithin), DischargeSummonsWithin, TimeSpan.FromDays(3));
        if (DischargeSummonsWithin.Ticks % TimeSpan.TicksPerDay != 0)
        {
            problems.Add(Invariant($"DischargeSummonsWithin is {DischargeSummonsWithin}; the law counts it in whole calendar days (1, 2 or 3)."));
        }
        if (FollowUpWithin is { } followUp)
        {
            Positive(problems, nameof(FollowUpWithin), followUp, TimeSpan.FromDays(730));
        }
        Positive(problems, nameof(ClosingDocumentedWithin), ClosingDocumentedWithin, TimeSpan.FromDays(90));
        if (SummonsReplyWithin is { } reply && (reply < TimeSpan.FromHours(1) || reply > TimeSpan.FromDays(30)))
        {
            problems.Add(Invariant($"SummonsReplyWithin is {reply}; it must be left out or between 1 hour and 30 days."));
        }

        Positive(problems, nameof(PlanDocumentedWithin), PlanDocumentedWithin, TimeSpan.FromDays(90));
        if (PlanDistributedWithin is { } copies)
        {
            Positive(problems, nameof(PlanDistributedWithin), copies, TimeSpan.FromDays(90));
        }

        Positive(problems, nameof(EarlyFollowUpWithin), EarlyFollowUpWithin, TimeSpan.FromDays(90));
        Positive(problems, nameof(FollowUpDecisionWithin), FollowUpDecisionWithin, TimeSpan.FromDays(90));
        if (ChildConsentFromAge is < 1 or > 17)
        {
            problems.Add(Invariant($"ChildConsentFromAge is {ChildConsentFromAge}; it must be left out or between 1 and 17 (from 18 the individual consents as an adult)."));
        }

        if (FollowUpGracePeriod < TimeSpan.Zero || FollowUpGracePeriod > TimeSpan.FromDays(90))
        {
            problems.Add(Invariant($"FollowUpGracePeriod is {FollowUpGracePeriod}; it must be between zero and 90 days."));
        }

        return problems;
    }

    private static void Positive(List<string> problems, string name, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            var why = name switch
            {
                nameof(DischargeSummonsWithin) => " (the law, 4 kap. lagen (2017:612) om samverkan vid utskrivning, allows at most three days)",
                nameof(StartWithin) => " (the law says work starts without delay: a policy may shorten this deadline, never lengthen it)",
                _ => string.Empty,
            };
            problems.Add(Invariant($"{name} is {value}; it must be longer than zero and at most {max.TotalDays} days{why}."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Throws when the policy is invalid, listing every problem in one message.</summary>
    /// <param name="paramName">The argument name to report.</param>
    /// <exception cref="ArgumentException">The policy has problems.</exception>
    public SipPolicy EnsureValid(string paramName = "policy")
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                SipProblems.ToMessage($"The SIP policy '{Name}' is not valid", problems), paramName);
        }

        return this;
    }
}
