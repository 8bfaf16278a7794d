using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow.Exchange;

/// <summary>What a message between the two principals' systems says.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipExchangeMessageKind>))]
public enum SipExchangeMessageKind
{
    /// <summary>A summons (<i>kallelse</i>) to a called unit in the other system: opens the SIP's case there, or brings a new meeting.</summary>
    [JsonStringEnumMemberName("Summons")]
    Summons = 1,

    /// <summary>A party's answer to a summons: accepted with the named attendee, declined with its reason, or a substitute.</summary>
    [JsonStringEnumMemberName("SummonsAnswer")]
    SummonsAnswer = 2,

    /// <summary>A revision of the plan as established at the meeting: the first one or a revision after a follow-up.</summary>
    [JsonStringEnumMemberName("PlanRevision")]
    PlanRevision = 3,

    /// <summary>The SIP was closed (<i>avslutad</i>) by the sender; each principal then documents the closing in its own records.</summary>
    [JsonStringEnumMemberName("Closing")]
    Closing = 4,

    /// <summary>
    /// A withdrawal of consent (<i>återkallelse</i>) recorded by the sender — of a scope, or towards one party — applied to the
    /// same consents on the receiving side, so that neither side holds consent the individual took back. A withdrawal that
    /// ends the SIP ends it on both sides.
    /// </summary>
    [JsonStringEnumMemberName("ConsentWithdrawal")]
    ConsentWithdrawal = 5,
}

/// <summary>
/// One message between the municipality's and the region's systems about one SIP, as <see cref="SipExchange"/> writes it
/// from the feed and applies it on receipt. Transport-neutral: the host carries it (HTTP, a queue, a national service) as
/// its JSON form (<see cref="SipExchangeJson"/>, schema <see cref="SipExchangeJson.Schema"/>) or its FHIR form
/// (<c>Sip.Workflow.Fhir</c>).
/// </summary>
/// <remarks>
/// <para>Exactly the payload its <see cref="Kind"/> names is present. The receiver recognises a message it already applied
/// by <see cref="MessageId"/> (and a plan revision or closing it already holds by its content), so a transport that delivers
/// twice does no harm.</para>
/// <para>A message carries personal data (a summons names the individual, the plan is about them): carry it only over a
/// channel both principals trust, as any other journal information.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipExchangeMessage
{
    /// <summary>The message's id: the same message sent again has the same id.</summary>
    public required Guid MessageId
    {
        get;
        init => field = value == Guid.Empty ? throw new ArgumentException($"'{nameof(MessageId)}' is the empty Guid; a message has an id.", nameof(MessageId)) : value;
    }

    /// <summary>What the message says.</summary>
    public required SipExchangeMessageKind Kind
    {
        get;
        init => field = Check.Defined(value, nameof(Kind));
    }

    /// <summary>When the sender wrote it.</summary>
    public required DateTimeOffset SentAt
    {
        get;
        init => field = Check.Moment(value, nameof(SentAt));
    }

    /// <summary>The sending case: the sender's system, its case id and the unit that keeps it.</summary>
    public required ExternalCaseReference From
    {
        get;
        init => field = Check.NotNull(value, nameof(From));
    }

    /// <summary>The receiving unit.</summary>
    public required OrganisationReference To
    {
        get;
        init => field = Check.NotNull(value, nameof(To));
    }

    /// <summary>
    /// The receiving case's id in the receiver's system, as the sender has it linked; absent only on a summons to a unit
    /// whose case the sender does not know yet.
    /// </summary>
    public string? ToCaseId
    {
        get;
        init => field = value is null ? null : Check.Text(value, nameof(ToCaseId), SipLimits.SubjectReferenceMaxLength);
    }

    /// <summary>
    /// Whether the individual has a protected identity (<i>skyddade personuppgifter</i>) on the sending side: the receiver
    /// and any rendering (the FHIR form's confidentiality label) treat the message as restricted.
    /// </summary>
    public bool ProtectedIdentity { get; init; }

    /// <summary>For <see cref="SipExchangeMessageKind.Summons"/>: the summons.</summary>
    public SipExchangeSummons? Summons { get; init; }

    /// <summary>For <see cref="SipExchangeMessageKind.SummonsAnswer"/>: the answer, with the sender's meeting and participant ids.</summary>
    public SummonsReply? Answer { get; init; }

    /// <summary>For <see cref="SipExchangeMessageKind.PlanRevision"/>: the revision.</summary>
    public SipExchangePlanRevision? PlanRevision { get; init; }

    /// <summary>For <see cref="SipExchangeMessageKind.Closing"/>: why the SIP was closed.</summary>
    public SipExchangeClosing? Closing { get; init; }

    /// <summary>For <see cref="SipExchangeMessageKind.ConsentWithdrawal"/>: the withdrawal as the sender recorded it.</summary>
    public ConsentWithdrawal? ConsentWithdrawal { get; init; }

    /// <summary>Shows the kind and ids only, never the content.</summary>
    public override string ToString() => $"SipExchangeMessage {MessageId} ({Kind} from {From.System})";

    /// <summary>Checks that exactly the payload of <see cref="Kind"/> is present; names the member otherwise.</summary>
    internal SipExchangeMessage Validated(string paramName)
    {
        var present = (Summons is not null, Answer is not null, PlanRevision is not null, Closing is not null, ConsentWithdrawal is not null);
        var expected = (Kind == SipExchangeMessageKind.Summons, Kind == SipExchangeMessageKind.SummonsAnswer,
            Kind == SipExchangeMessageKind.PlanRevision, Kind == SipExchangeMessageKind.Closing, Kind == SipExchangeMessageKind.ConsentWithdrawal);
        if (present != expected)
        {
            var member = Kind switch
            {
                SipExchangeMessageKind.Summons => nameof(Summons),
                SipExchangeMessageKind.SummonsAnswer => nameof(Answer),
                SipExchangeMessageKind.PlanRevision => nameof(PlanRevision),
                SipExchangeMessageKind.Closing => nameof(Closing),
                _ => nameof(ConsentWithdrawal),
            };
            throw new ArgumentException(
                $"'{paramName}' is a {Kind} message; it carries '{member}' and no other payload ({nameof(Summons)}, {nameof(Answer)}, " +
                $"{nameof(PlanRevision)}, {nameof(Closing)}, {nameof(ConsentWithdrawal)}).", $"{paramName}.{member}");
        }

        return this;
    }
}

/// <summary>
/// A summons to one called unit in the other principal's system, with what its case needs to stand on its own: the
/// individual, how the SIP came about, the consents it rests on, the parties and the meeting.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipExchangeSummons
{
    /// <summary>The individual, as the sender recorded them.</summary>
    public required Individual Individual
    {
        get;
        init => field = Check.NotNull(value, nameof(Individual));
    }

    /// <summary>Where the need was identified.</summary>
    public required CaseOrigin Origin
    {
        get;
        init => field = Check.NotNull(value, nameof(Origin));
    }

    /// <summary>The principal that judged the need.</summary>
    public required PrincipalKind IdentifiedBy
    {
        get;
        init => field = Check.Defined(value, nameof(IdentifiedBy));
    }

    /// <summary>The unit that identified the need, if recorded.</summary>
    public OrganisationReference? IdentifyingUnit { get; init; }

    /// <summary>
    /// The consents the SIP rests on, as given and still standing whole: a consent withdrawn even in part is not sent, so the
    /// receiver never holds more consent than stands (its caseworker records what the individual says then).
    /// </summary>
    public required IReadOnlyList<Consent> Consents
    {
        get;
        init => field = Check.List(value, nameof(Consents), SipLimits.MaxItems);
    }

    /// <summary>The parties still taking part, under the sender's participant ids (the receiver keeps the same ids).</summary>
    public required IReadOnlyList<Participant> Participants
    {
        get;
        init => field = Check.List(value, nameof(Participants), SipLimits.MaxItems);
    }

    /// <summary>The meeting summoned to, under the sender's meeting id.</summary>
    public required Meeting Meeting
    {
        get;
        init => field = Check.NotNull(value, nameof(Meeting));
    }

    /// <summary>The recipient among <see cref="Participants"/>: the called unit this summons is for.</summary>
    public required ParticipantId Recipient
    {
        get;
        init => field = Check.Id(value, nameof(Recipient));
    }

    /// <summary>Shows ids only.</summary>
    public override string ToString() => $"SipExchangeSummons (meeting {Meeting.Id}, recipient {Recipient})";
}

/// <summary>A revision of the plan as the sender established it, with what the receiver needs to establish the same.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipExchangePlanRevision
{
    /// <summary>
    /// The revision: its <see cref="SipPlan.Revision"/> number, content, lead principal and follow-up. The receiver
    /// establishes the same revision number with the same content (its own <see cref="SipPlan.EstablishedAt"/> says when).
    /// </summary>
    public required SipPlan Plan
    {
        get;
        init => field = Check.NotNull(value, nameof(Plan));
    }

    /// <summary>The meeting the plan was made at, with its attendance, if the plan names one.</summary>
    public Meeting? Meeting { get; init; }

    /// <summary>The parties still taking part (interventions may name any of them as performer).</summary>
    public required IReadOnlyList<Participant> Participants
    {
        get;
        init => field = Check.List(value, nameof(Participants), SipLimits.MaxItems);
    }

    /// <summary>
    /// The consents standing whole on the sending side, as in a summons: consent given at the meeting (to establish the
    /// plan, say) reaches the receiver with the plan it was given for.
    /// </summary>
    public IReadOnlyList<Consent> Consents
    {
        get;
        init => field = Check.List(value, nameof(Consents), SipLimits.MaxItems);
    } = Internal.SipList<Consent>.Empty;

    /// <summary>For a revision after the first: the follow-up of the previous revision that led to it.</summary>
    public FollowUpRecord? FollowUp { get; init; }

    /// <summary>Shows the revision number only.</summary>
    public override string ToString() => $"SipExchangePlanRevision ({Plan.Revision})";
}

/// <summary>Why the sender closed the SIP.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipExchangeClosing
{
    /// <summary>A reason <see cref="CloseCase"/> takes.</summary>
    public required ClosureReason Reason
    {
        get;
        init => field = Check.Defined(value, nameof(Reason));
    }

    /// <summary>The closing note, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>Shows the reason only.</summary>
    public override string ToString() => $"SipExchangeClosing ({Reason})";
}
