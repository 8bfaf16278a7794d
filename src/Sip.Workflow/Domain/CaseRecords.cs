using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// The lead principal (<i>huvudansvarig huvudman</i>) with overall responsibility for the plan, and its named
/// coordinator (<i>samordnare</i>), the individual's contact for the plan.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record LeadPrincipal
{
    /// <summary>Kommun or region.</summary>
    public required PrincipalKind Principal
    {
        get;
        init => field = Check.Defined(value, nameof(Principal));
    }

    /// <summary>The unit holding the responsibility.</summary>
    public required OrganisationReference Organisation
    {
        get;
        init => field = Check.NotNull(value, nameof(Organisation));
    }

    /// <summary>The named coordinator, if appointed.</summary>
    public ContactPerson? Coordinator { get; init; }
}

/// <summary>A booked follow-up (<i>bokad uppföljning</i>): date and place, decided before the meeting ends.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record FollowUpBooking
{
    /// <summary>When the follow-up is held.</summary>
    public required DateTimeOffset At
    {
        get;
        init => field = Check.Moment(value, nameof(At));
    }

    /// <summary>Where or how (a place, "digitalt", "telefon").</summary>
    public required string Place
    {
        get;
        init => field = Check.Text(value, nameof(Place), SipLimits.ShortTextMaxLength);
    }

    /// <summary>Shows the time only: the place may be the individual's home, which a protected identity keeps secret.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"FollowUpBooking ({At.UtcDateTime:yyyy-MM-dd HH:mm}Z)");
}

/// <summary>
/// A follow-up of the plan (<i>uppföljning</i>), based on the established plan: progress against the goals, whether
/// the interventions were carried out and worked, new information, whether another intervention or actor is needed.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record FollowUpRecord
{
    /// <summary>The follow-up's id; a new one unless given.</summary>
    public FollowUpId Id
    {
        get;
        init => field = Check.Id(value, nameof(Id));
    } = FollowUpId.New();

    /// <summary>When it was held.</summary>
    public required DateTimeOffset HeldAt
    {
        get;
        init => field = Check.Moment(value, nameof(HeldAt));
    }

    /// <summary>The plan revision followed up. Set by the engine. Whatever a command carries here (from JSON, say) is replaced.</summary>
    [JsonInclude]
    public int PlanRevision { get; internal init; }

    /// <summary>How it is going against the goals (<i>hur det går jämfört med målen</i>).</summary>
    public required string Progress
    {
        get;
        init => field = Check.Text(value, nameof(Progress), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>Were the interventions carried out as planned.</summary>
    public bool InterventionsCarriedOut { get; init; }

    /// <summary>Did they have the intended effect.</summary>
    public bool InterventionsEffective { get; init; }

    /// <summary>New information or changed circumstances, if any.</summary>
    public string? NewInformation
    {
        get;
        init => field = Check.OptionalText(value, nameof(NewInformation), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>Another intervention is needed.</summary>
    public bool AnotherInterventionNeeded { get; init; }

    /// <summary>Another actor is needed.</summary>
    public bool AnotherActorNeeded { get; init; }

    /// <summary>
    /// The follow-up was held before the booked day (the individual's situation changed). Set by the engine. Whatever a
    /// command carries here (from JSON, say) is replaced.
    /// </summary>
    [JsonInclude]
    public bool Early { get; internal init; }

    /// <summary>
    /// What was decided after it — revised, continued unchanged, closed, or closed to restart — once decided; until
    /// then the decision is due work. Set by the engine. A command that carries it (from JSON, say) is refused.
    /// </summary>
    [JsonInclude]
    public FollowUpOutcome? Outcome { get; internal init; }

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"FollowUpRecord {Id} (plan revision {PlanRevision})";
}

/// <summary>What was decided after a follow-up (<i>beslut efter uppföljning</i>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FollowUpOutcome>))]
public enum FollowUpOutcome
{
    /// <summary>The plan was revised (<see cref="RevisePlan"/>).</summary>
    [JsonStringEnumMemberName("Revised")]
    Revised = 1,

    /// <summary>The plan continues unchanged until the next booked follow-up (<see cref="ConfirmPlanUnchanged"/>).</summary>
    [JsonStringEnumMemberName("ContinuedUnchanged")]
    ContinuedUnchanged = 2,

    /// <summary>The SIP was closed (<see cref="CloseCase"/>, or a withdrawal of consent).</summary>
    [JsonStringEnumMemberName("Closed")]
    Closed = 3,

    /// <summary>The SIP was closed to start a new one (<see cref="CloseAndRestart"/>).</summary>
    [JsonStringEnumMemberName("ClosedForRestart")]
    ClosedForRestart = 4,
}

/// <summary>
/// A substantial change in the individual's situation before the booked follow-up (<i>väsentligt förändrad
/// livssituation</i>, Region Värmland): the lead principal is told and calls the parties to an early follow-up.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SituationChange
{
    /// <summary>When the situation changed (or became known); not in the future.</summary>
    public required DateTimeOffset OccurredAt
    {
        get;
        init => field = Check.Moment(value, nameof(OccurredAt));
    }

    /// <summary>What changed, in words the parties understand.</summary>
    public required string Description
    {
        get;
        init => field = Check.Text(value, nameof(Description), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>When it was recorded. Stamped by the engine. Whatever a command carries here (from JSON, say) is replaced.</summary>
    [JsonInclude]
    public DateTimeOffset RecordedAt
    {
        get;
        internal init => field = Check.Stamped(value, Check.Moment, nameof(RecordedAt));
    }

    /// <summary>Shows codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => "SituationChange";
}

/// <summary>Why a case was closed (<i>avslut</i>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClosureReason>))]
public enum ClosureReason
{
    /// <summary>The individual no longer needs interventions from both principals to reach the long-term goal.</summary>
    [JsonStringEnumMemberName("CoordinationNoLongerNeeded")]
    CoordinationNoLongerNeeded = 1,

    /// <summary>No new needs of interventions from both principals are expected soon.</summary>
    [JsonStringEnumMemberName("NoNewNeedsExpected")]
    NoNewNeedsExpected = 2,

    /// <summary>The long-term goal changed substantially: closed to start a new SIP (which needs new consent).</summary>
    [JsonStringEnumMemberName("LongTermGoalChanged")]
    LongTermGoalChanged = 3,

    /// <summary>The individual withdrew consent (<i>återkallat samtycke</i>).</summary>
    [JsonStringEnumMemberName("ConsentWithdrawn")]
    ConsentWithdrawn = 4,

    /// <summary>The individual declined the offer of a SIP (<i>tackat nej</i>).</summary>
    [JsonStringEnumMemberName("OfferDeclined")]
    OfferDeclined = 5,

    /// <summary>The individual died (<i>avliden</i>).</summary>
    [JsonStringEnumMemberName("Deceased")]
    Deceased = 6,

    /// <summary>The individual moved away from the kommun or region (<i>flyttat</i>); the new principals start their own SIP.</summary>
    [JsonStringEnumMemberName("MovedAway")]
    MovedAway = 7,

    /// <summary>
    /// The individual asked to end the SIP (<i>den enskilde vill avsluta</i>) without withdrawing consent to what was
    /// shared; a withdrawal of consent is <see cref="ConsentWithdrawn"/>.
    /// </summary>
    [JsonStringEnumMemberName("IndividualRequestedEnd")]
    IndividualRequestedEnd = 8,

    /// <summary>
    /// Staff decided not to start a SIP, with the reason recorded (<see cref="DeclineToStart"/>); the individual may
    /// complain (to Patientnämnden, or under the social services' complaints procedure).
    /// </summary>
    [JsonStringEnumMemberName("NotStarted")]
    NotStarted = 9,
}

/// <summary>How and when a case was closed.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Closure
{
    /// <summary>Why.</summary>
    public required ClosureReason Reason
    {
        get;
        init => field = Check.Defined(value, nameof(Reason));
    }

    /// <summary>When.</summary>
    public required DateTimeOffset ClosedAt
    {
        get;
        init => field = Check.Moment(value, nameof(ClosedAt));
    }

    /// <summary>A note on the closing, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>The case was closed to be restarted; a new case with new consent is needed (nothing opens by itself).</summary>
    public bool RestartRequested { get; init; }

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"Closure ({Reason})";
}

/// <summary>
/// One principal's documentation of the closing (<i>varje huvudman ansvarar för att dokumentera avslutet</i>, Riktlinje
/// SIP, Västra Götaland): each principal closes the SIP in its own records.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record PrincipalClosing
{
    /// <summary>Kommun or region.</summary>
    public required PrincipalKind Principal
    {
        get;
        init => field = Check.Defined(value, nameof(Principal));
    }

    /// <summary>The unit that documented the closing.</summary>
    public required OrganisationReference Organisation
    {
        get;
        init => field = Check.NotNull(value, nameof(Organisation));
    }

    /// <summary>The principal's note on the closing, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>When it was documented. Stamped by the engine. Whatever a command carries here (from JSON, say) is replaced.</summary>
    [JsonInclude]
    public DateTimeOffset DocumentedAt
    {
        get;
        internal init => field = Check.Stamped(value, Check.Moment, nameof(DocumentedAt));
    }

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"PrincipalClosing ({Principal})";
}

/// <summary>What kind of failure of the process a deviation records.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeviationKind>))]
public enum DeviationKind
{
    /// <summary>A called principal did not attend (the individual may complain to Patientnämnden).</summary>
    [JsonStringEnumMemberName("CalledPrincipalAbsent")]
    CalledPrincipalAbsent = 1,

    /// <summary>A deadline was missed.</summary>
    [JsonStringEnumMemberName("DeadlineMissed")]
    DeadlineMissed = 2,

    /// <summary>A called unit did not forward a summons inside its principal.</summary>
    [JsonStringEnumMemberName("SummonsNotForwarded")]
    SummonsNotForwarded = 3,

    /// <summary>A part of the plan was not carried out.</summary>
    [JsonStringEnumMemberName("PlanNotFollowed")]
    PlanNotFollowed = 4,

    /// <summary>Anything else.</summary>
    [JsonStringEnumMemberName("Other")]
    Other = 5,
}

/// <summary>A recorded failure of the process (<i>avvikelse</i>).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Deviation
{
    /// <summary>The deviation's id; a new one unless given.</summary>
    public DeviationId Id
    {
        get;
        init => field = Check.Id(value, nameof(Id));
    } = DeviationId.New();

    /// <summary>What kind of failure.</summary>
    public required DeviationKind Kind
    {
        get;
        init => field = Check.Defined(value, nameof(Kind));
    }

    /// <summary>What happened.</summary>
    public required string Description
    {
        get;
        init => field = Check.Text(value, nameof(Description), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>The participant concerned, if any.</summary>
    public ParticipantId? ParticipantId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(ParticipantId)) : null;
    }

    /// <summary>When it was recorded. Stamped by the engine. Whatever a command carries here (from JSON, say) is replaced.</summary>
    [JsonInclude]
    public DateTimeOffset RecordedAt
    {
        get;
        internal init => field = Check.Stamped(value, Check.Moment, nameof(RecordedAt));
    }

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"Deviation {Id} ({Kind})";
}
