using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>What a meeting is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeetingPurpose>))]
public enum MeetingPurpose
{
    /// <summary>The SIP meeting where the plan is established (<i>SIP-möte</i>).</summary>
    [JsonStringEnumMemberName("PlanMeeting")]
    PlanMeeting = 1,

    /// <summary>A follow-up meeting (<i>uppföljningsmöte</i>).</summary>
    [JsonStringEnumMemberName("FollowUpMeeting")]
    FollowUpMeeting = 2,

    /// <summary>A pre-meeting between the principals (<i>förmöte</i>).</summary>
    [JsonStringEnumMemberName("PreMeeting")]
    PreMeeting = 3,
}

/// <summary>Where and how a meeting is held.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeetingForm>))]
public enum MeetingForm
{
    /// <summary>At a principal's premises; <see cref="Meeting.Place"/> says where.</summary>
    [JsonStringEnumMemberName("OnPremises")]
    OnPremises = 1,

    /// <summary>Digitally; <see cref="Meeting.DigitalLink"/> carries the link.</summary>
    [JsonStringEnumMemberName("Digital")]
    Digital = 2,

    /// <summary>By telephone.</summary>
    [JsonStringEnumMemberName("Phone")]
    Phone = 3,

    /// <summary>
    /// In the individual's home. The library never stores the address: a summons says "hos den enskilde" and,
    /// for a protected identity, that the address is given separately.
    /// </summary>
    [JsonStringEnumMemberName("AtIndividualsHome")]
    AtIndividualsHome = 4,
}

/// <summary>Whether a participant came to a meeting.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttendanceStatus>))]
public enum AttendanceStatus
{
    /// <summary>Attended.</summary>
    [JsonStringEnumMemberName("Attended")]
    Attended = 1,

    /// <summary>A named substitute attended.</summary>
    [JsonStringEnumMemberName("AttendedBySubstitute")]
    AttendedBySubstitute = 2,

    /// <summary>Did not attend. For a called principal this is a deviation (<i>avvikelse</i>).</summary>
    [JsonStringEnumMemberName("Absent")]
    Absent = 3,
}

/// <summary>One participant's attendance at a meeting.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Attendance
{
    /// <summary>The participant.</summary>
    public required ParticipantId ParticipantId
    {
        get;
        init => field = Check.Id(value, nameof(ParticipantId));
    }

    /// <summary>Whether they came.</summary>
    public required AttendanceStatus Status
    {
        get;
        init => field = Check.Defined(value, nameof(Status));
    }
}

/// <summary>
/// What one called or invited party is expected to contribute at a meeting towards the long-term goal (<i>vad de
/// kallade/inbjudna kan bidra med</i>, Riktlinje SIP, Västra Götaland): stated in the summons.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ExpectedContribution
{
    /// <summary>The party.</summary>
    public required ParticipantId ParticipantId
    {
        get;
        init => field = Check.Id(value, nameof(ParticipantId));
    }

    /// <summary>What they can contribute, e.g. "bedömning av behov av hemsjukvård".</summary>
    public required string Contribution
    {
        get;
        init => field = Check.Text(value, nameof(Contribution), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>Shows ids only, never free text, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"ExpectedContribution ({ParticipantId})";
}

/// <summary>
/// A meeting (<i>möte</i>) and everything its summons must state (seed 000, 002): purpose, why it is needed, the
/// individual's long-term goal, the questions, the time frame, place or form.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Meeting
{
    /// <summary>The meeting's id.</summary>
    public required MeetingId Id
    {
        get;
        init => field = Check.Id(value, nameof(Id));
    }

    /// <summary>What the meeting is for.</summary>
    public required MeetingPurpose Purpose
    {
        get;
        init => field = Check.Defined(value, nameof(Purpose));
    }

    /// <summary>When it starts.</summary>
    public required DateTimeOffset StartsAt
    {
        get;
        init => field = Check.Moment(value, nameof(StartsAt));
    }

    /// <summary>The time frame (<i>tidsram</i>); between 15 minutes and 8 hours.</summary>
    public required TimeSpan Duration
    {
        get;
        init => field = Check.IsTrusted || (value >= TimeSpan.FromMinutes(15) && value <= TimeSpan.FromHours(8))
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Duration), value,
                $"'{nameof(Duration)}' is {value}; a SIP meeting's time frame is between 00:15 and 08:00.");
    }

    /// <summary>Where and how it is held.</summary>
    public required MeetingForm Form
    {
        get;
        init => field = Check.Defined(value, nameof(Form));
    }

    /// <summary>The place (room, address of the premises), for <see cref="MeetingForm.OnPremises"/>.</summary>
    public string? Place
    {
        get;
        init => field = Check.OptionalText(value, nameof(Place), SipLimits.ShortTextMaxLength);
    }

    /// <summary>The link for a digital meeting.</summary>
    public Uri? DigitalLink
    {
        get;
        init => field = value is null || Check.IsTrusted || (value.IsAbsoluteUri && value.Scheme is "https" or "http" && value.OriginalString.Length <= SipLimits.ShortTextMaxLength)
            ? value
            : throw new ArgumentException(
                $"'{nameof(DigitalLink)}' must be an absolute http(s) link of at most {SipLimits.ShortTextMaxLength} characters.", nameof(DigitalLink));
    }

    /// <summary>The meeting's purpose in words (<i>syftet med mötet</i>).</summary>
    public string? PurposeText
    {
        get;
        init => field = Check.OptionalText(value, nameof(PurposeText), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>Why the meeting is needed (<i>varför mötet behövs</i>).</summary>
    public string? Reason
    {
        get;
        init => field = Check.OptionalText(value, nameof(Reason), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>The individual's long-term goal, in their words (<i>den enskildes långsiktiga mål</i>).</summary>
    public string? LongTermGoal
    {
        get;
        init => field = Check.OptionalText(value, nameof(LongTermGoal), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>The questions the meeting is to answer (<i>frågeställningar</i>).</summary>
    public IReadOnlyList<string> Questions
    {
        get;
        init => field = Check.TextList(value, nameof(Questions), SipLimits.MaxItems, SipLimits.LongTextMaxLength);
    } = SipList<string>.Empty;

    /// <summary>
    /// The meeting leader (<i>mötesledare</i>): creates safety and participation, sees that the questions are answered,
    /// and is responsible for documenting the plan (Riktlinje SIP, Västra Götaland).
    /// </summary>
    public ContactPerson? Leader { get; init; }

    /// <summary>Who documents the plan at the meeting (<i>se till att någon dokumenterar</i>, Region Värmland), when not the leader.</summary>
    public ContactPerson? Documenter { get; init; }

    /// <summary>What each called or invited party is expected to contribute; each names a participant of the case.</summary>
    public IReadOnlyList<ExpectedContribution> ExpectedContributions
    {
        get;
        init => field = Check.List(value, nameof(ExpectedContributions), SipLimits.MaxItems);
    } = SipList<ExpectedContribution>.Empty;

    /// <summary>Whether the meeting is recorded as held: someone is recorded as attending (in person or by substitute).</summary>
    [JsonIgnore]
    public bool IsHeld => Attendance.Any(a => a.Status != AttendanceStatus.Absent);

    /// <summary>Who came, once recorded.</summary>
    public IReadOnlyList<Attendance> Attendance
    {
        get;
        init => field = Check.List(value, nameof(Attendance), SipLimits.MaxItems);
    } = SipList<Attendance>.Empty;

    internal Meeting Validated(string paramName, SipCase current)
    {
        foreach (var expected in ExpectedContributions)
        {
            if (current.FindParticipant(expected.ParticipantId) is not { IsActive: true })
            {
                throw new ArgumentException(
                    $"'{paramName}.{nameof(ExpectedContributions)}' names {expected.ParticipantId}, which is not a participant still taking part in this case.",
                    $"{paramName}.{nameof(ExpectedContributions)}");
            }
        }

        if (ExpectedContributions.Select(e => e.ParticipantId).Distinct().Count() != ExpectedContributions.Count)
        {
            throw new ArgumentException($"'{paramName}.{nameof(ExpectedContributions)}' names a participant twice; give one contribution text per party.",
                $"{paramName}.{nameof(ExpectedContributions)}");
        }

        if (Form == MeetingForm.OnPremises && Place is null)
        {
            throw new ArgumentException($"'{paramName}' is held on premises but has no Place; say where.", paramName);
        }

        if (Form == MeetingForm.Digital && DigitalLink is null)
        {
            throw new ArgumentException($"'{paramName}' is digital but has no DigitalLink; the summons must carry the link.", paramName);
        }

        if (Form == MeetingForm.AtIndividualsHome && Place is not null)
        {
            throw new ArgumentException(
                $"'{paramName}' is held in the individual's home but has a Place; the library never stores the individual's address. Leave Place out.",
                paramName);
        }

        return this;
    }

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"Meeting {Id} ({Purpose}, {Form})";
}

/// <summary>
/// A sent summons (<i>kallelse</i>) and invitations (<i>inbjudan</i>) for a meeting, as they were at sending:
/// who was called, who was invited, and the flags the summons carried.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Summons
{
    /// <summary>The meeting summoned to.</summary>
    public required MeetingId MeetingId
    {
        get;
        init => field = Check.Id(value, nameof(MeetingId));
    }

    /// <summary>When it was sent.</summary>
    public required DateTimeOffset SentAt
    {
        get;
        init => field = Check.Moment(value, nameof(SentAt));
    }

    /// <summary>The participants called.</summary>
    public required IReadOnlyList<ParticipantId> Called
    {
        get;
        init => field = Check.List(value, nameof(Called), SipLimits.MaxItems);
    }

    /// <summary>The participants invited.</summary>
    public required IReadOnlyList<ParticipantId> Invited
    {
        get;
        init => field = Check.List(value, nameof(Invited), SipLimits.MaxItems);
    }

    /// <summary>The interpreter need the summons flagged, if any.</summary>
    public string? InterpreterLanguage
    {
        get;
        init => field = Check.OptionalText(value, nameof(InterpreterLanguage), SipLimits.NameMaxLength);
    }

    /// <summary>The summons flagged a protected identity: no address is disclosed.</summary>
    public bool ProtectedIdentity { get; init; }

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"Summons for meeting {MeetingId} ({Called.Count} called, {Invited.Count} invited)";
}

/// <summary>How far a summons or invitation has come with one recipient (<see cref="SipCase.SummonsStateOf"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SummonsDeliveryState>))]
public enum SummonsDeliveryState
{
    /// <summary>Sent; no delivery is recorded yet.</summary>
    [JsonStringEnumMemberName("Pending")]
    Pending = 0,

    /// <summary>It reached the recipient's system or inbox (<see cref="RecordSummonsDelivery"/>).</summary>
    [JsonStringEnumMemberName("Delivered")]
    Delivered = 1,

    /// <summary>The recipient opened it (<see cref="RecordSummonsDelivery"/>).</summary>
    [JsonStringEnumMemberName("Read")]
    Read = 2,

    /// <summary>The recipient answered (<see cref="RecordSummonsReply"/>, <see cref="ForwardSummons"/>).</summary>
    [JsonStringEnumMemberName("Answered")]
    Answered = 3,
}

/// <summary>
/// That the latest summons or invitation for a meeting reached a recipient, or was read: recorded when the host's
/// transport, or the other principal's system, reports it.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SummonsDelivery
{
    /// <summary>The meeting summoned to.</summary>
    public required MeetingId MeetingId
    {
        get;
        init => field = Check.Id(value, nameof(MeetingId));
    }

    /// <summary>The recipient.</summary>
    public required ParticipantId ParticipantId
    {
        get;
        init => field = Check.Id(value, nameof(ParticipantId));
    }

    /// <summary><see cref="SummonsDeliveryState.Delivered"/> or <see cref="SummonsDeliveryState.Read"/>.</summary>
    public required SummonsDeliveryState State
    {
        get;
        init => field = Check.Defined(value, nameof(State));
    }

    /// <summary>When; now unless given. Not in the future, nor before the summons was sent.</summary>
    public DateTimeOffset? At
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(At));
    }

    /// <summary>Shows ids and codes only.</summary>
    public override string ToString() => $"SummonsDelivery {ParticipantId} ({State})";
}

/// <summary>How a called or invited party answered a summons (<i>svar på kallelse</i>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SummonsAnswer>))]
public enum SummonsAnswer
{
    /// <summary>Comes, with a named attendee.</summary>
    [JsonStringEnumMemberName("Accepted")]
    Accepted = 1,

    /// <summary>Does not come; the reason is recorded.</summary>
    [JsonStringEnumMemberName("Declined")]
    Declined = 2,

    /// <summary>Sends a named substitute (<i>ersättare</i>).</summary>
    [JsonStringEnumMemberName("SubstituteNamed")]
    SubstituteNamed = 3,

    /// <summary>Forwarded the summons to another unit of its principal (recorded by <see cref="ForwardSummons"/>).</summary>
    [JsonStringEnumMemberName("Forwarded")]
    Forwarded = 4,
}

/// <summary>
/// A party's answer to the summons or invitation for a meeting (Region Värmland: find out who comes and how). The latest
/// answer of a party for a meeting stands; until every party has answered, the replies are due work.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SummonsReply
{
    /// <summary>The meeting summoned to.</summary>
    public required MeetingId MeetingId
    {
        get;
        init => field = Check.Id(value, nameof(MeetingId));
    }

    /// <summary>The party answering.</summary>
    public required ParticipantId ParticipantId
    {
        get;
        init => field = Check.Id(value, nameof(ParticipantId));
    }

    /// <summary>The answer.</summary>
    public required SummonsAnswer Answer
    {
        get;
        init => field = Check.Defined(value, nameof(Answer));
    }

    /// <summary>Who comes: required when accepting or naming a substitute.</summary>
    public ContactPerson? Attendee { get; init; }

    /// <summary>
    /// Whether the attendee has the mandate to decide on the principal's interventions (<i>mandat att fatta beslut</i>):
    /// required of a called principal's attendee.
    /// </summary>
    public bool AttendeeHasMandateToDecide { get; init; }

    /// <summary>Why the party does not come: required when declining.</summary>
    public string? Reason
    {
        get;
        init => field = Check.OptionalText(value, nameof(Reason), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>
    /// The unit the summons was forwarded to, for <see cref="SummonsAnswer.Forwarded"/>. Set by the engine. A command that
    /// carries it (from JSON, say) is refused.
    /// </summary>
    [JsonInclude]
    public ParticipantId? ForwardedTo { get; internal init; }

    /// <summary>When the answer came; now unless given. Not in the future.</summary>
    public DateTimeOffset? RepliedAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(RepliedAt));
    }

    /// <summary>Shows ids and codes only, never names or free text, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"SummonsReply {ParticipantId} ({Answer})";
}
